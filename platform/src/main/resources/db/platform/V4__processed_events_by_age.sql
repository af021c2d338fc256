-- The marks of idempotent consumers are dropped once Kafka can no longer hand their record back
-- (ProcessedEventsPurge): without it the table grew by a row per answer in answer_db and scoring_db for good.
-- Rows are appended in time order, so a BRIN index finds the old ones at almost no cost per insert.
CREATE INDEX processed_events_processed_at ON processed_events USING brin (processed_at);
