-- Access tokens ended before they expire (a logout, a renewal), kept until they expire. user_db is the record; Redis's
-- denied-token keys are the copy every service reads, which user-app writes again: the recent ends every 15 s, all of
-- them when Redis comes back empty. A renewal's row is written once: a second renewal of the token is refused by it.
CREATE TABLE ended_tokens (
    token_id   VARCHAR(64) PRIMARY KEY,
    ended_as   VARCHAR(16) NOT NULL CHECK (ended_as IN ('logged-out', 'renewed')),
    ended_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ended_tokens_expires_at ON ended_tokens (expires_at);
CREATE INDEX ended_tokens_ended_at ON ended_tokens (ended_at);
