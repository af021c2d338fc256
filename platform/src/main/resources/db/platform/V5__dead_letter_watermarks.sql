-- Where a bulk replay of a dead-letter partition starts reading: every record below handled_below was replayed
-- successfully or is no event (it can never be replayed), as the last bulk replay of that partition found. Without
-- it each call read the partition again from its oldest record, past everything replayed before, and draining a
-- topic of a million records took longer at each call until the reads ran out of time. A record whose single
-- replay (by its address) that fails later lowers where the next bulk read starts (a read of dead_letter_replays).
-- topic_id is Kafka's id of the topic the offsets belong to: a topic deleted and made anew starts again at offset 0,
-- and its watermark no longer counts.
CREATE TABLE dead_letter_watermarks (
    dlq_topic      VARCHAR(249) NOT NULL,
    partition_no   INTEGER      NOT NULL CHECK (partition_no >= 0),
    topic_id       VARCHAR(64)  NOT NULL,
    handled_below  BIGINT       NOT NULL CHECK (handled_below >= 0),
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (dlq_topic, partition_no)
);
