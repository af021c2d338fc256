-- Snapshots of quiz aggregates every few dozen events: loading reads the newest one and only the events after
-- it. Derived data: deleting every row is always safe.
CREATE TABLE quiz_snapshots (
    quiz_id     UUID        NOT NULL,
    version     BIGINT      NOT NULL,
    state       JSONB       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (quiz_id, version)
);
