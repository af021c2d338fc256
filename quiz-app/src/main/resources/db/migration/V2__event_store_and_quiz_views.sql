-- The source of truth for quizzes (and, later, games): every change as an event, in order per aggregate.
CREATE TABLE event_store (
    id               BIGSERIAL    PRIMARY KEY,
    event_id         UUID         NOT NULL UNIQUE,
    aggregate_id     UUID         NOT NULL,
    aggregate_type   VARCHAR(30)  NOT NULL,
    event_type       VARCHAR(100) NOT NULL,
    event_data       JSONB        NOT NULL,
    event_version    BIGINT       NOT NULL,
    -- Global order of appends, for replays across aggregates.
    sequence_number  BIGSERIAL    NOT NULL,
    -- Who did it and in answer to which request (Idempotency-Key): a retried command is recognised.
    actor_id         VARCHAR(64),
    command_id       VARCHAR(100),
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    -- Optimistic concurrency: of two appends at the same expected version exactly one wins.
    CONSTRAINT event_store_aggregate_version UNIQUE (aggregate_id, event_version)
);
CREATE INDEX event_store_command ON event_store (aggregate_id, command_id) WHERE command_id IS NOT NULL;

-- Read model of quizzes (list and detail), derived from event_store and rebuildable from it.
CREATE TABLE quiz_view (
    quiz_id          UUID         PRIMARY KEY,
    owner_id         VARCHAR(64)  NOT NULL,
    title            VARCHAR(120) NOT NULL,
    status           VARCHAR(20)  NOT NULL,
    question_count   INTEGER      NOT NULL,
    version          BIGINT       NOT NULL,
    detail           JSONB        NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL
);
CREATE INDEX quiz_view_owner ON quiz_view (owner_id, updated_at DESC);
CREATE INDEX quiz_view_status ON quiz_view (status, updated_at DESC);
