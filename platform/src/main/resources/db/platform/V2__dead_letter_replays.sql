-- Replays of parked (dead-lettered) records by an operator (POST <service>/api/admin/dead-letters/.../replay).
-- One row per parked record, keyed by where it lies in its dead-letter topic; it holds the latest replay and how
-- many there were. The record itself stays in Kafka (dead-letter topics are append-only, kept 30 days): this
-- table is what says it was dealt with.
CREATE TABLE dead_letter_replays (
    dlq_topic         VARCHAR(249)  NOT NULL,
    partition_no      INTEGER       NOT NULL CHECK (partition_no >= 0),
    offset_no         BIGINT        NOT NULL CHECK (offset_no >= 0),
    event_id          UUID          NOT NULL,
    event_type        VARCHAR(200)  NOT NULL,
    source_topic      VARCHAR(249)  NOT NULL,
    outcome           VARCHAR(20)   NOT NULL CHECK (outcome IN ('applied', 'duplicate', 'failed')),
    error             VARCHAR(2000),
    replayed_at       TIMESTAMPTZ   NOT NULL DEFAULT now(),
    replayed_by       VARCHAR(200)  NOT NULL,
    replayed_by_name  VARCHAR(200),
    attempts          INTEGER       NOT NULL DEFAULT 1,
    PRIMARY KEY (dlq_topic, partition_no, offset_no)
);
