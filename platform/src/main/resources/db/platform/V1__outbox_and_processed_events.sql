-- Platform tables, present in every service database, versioned apart from the service's own schema
-- (history table platform_schema_history).

-- Transactional outbox: written in the same transaction as the change it announces, relayed to Kafka afterwards.
-- Rows are marked as published, never tracked by a high-water mark: sequence values are taken before commit,
-- so rows can commit out of id order.
CREATE TABLE outbox (
    id            BIGSERIAL    PRIMARY KEY,
    event_id      UUID         NOT NULL UNIQUE,
    topic         VARCHAR(200) NOT NULL,
    message_key   VARCHAR(200) NOT NULL,
    event_type    VARCHAR(100) NOT NULL,
    envelope      TEXT         NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    published_at  TIMESTAMPTZ,
    attempts      INTEGER      NOT NULL DEFAULT 0,
    last_error    VARCHAR(1000)
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;

-- Idempotent consumers: one row per (consumer, event), inserted in the same transaction as the event's effect.
CREATE TABLE processed_events (
    consumer      VARCHAR(100) NOT NULL,
    event_id      UUID         NOT NULL,
    event_type    VARCHAR(100) NOT NULL,
    topic         VARCHAR(200) NOT NULL,
    processed_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
