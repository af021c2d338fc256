-- The questions answer-app has tallied, one row each: a close is tallied once, whenever it comes (in order, redelivered,
-- or replayed from the dead-letter topic after later questions or after the end), and a question whose opening was
-- parked is tallied too. Questions tallied before this table have no row: a close of one of those replayed by an
-- operator is tallied again, with the same figures (scoring-app records a tally by overwriting it).
CREATE TABLE question_tallies (
    game_id        UUID        NOT NULL REFERENCES games (game_id) ON DELETE CASCADE,
    question_index INTEGER     NOT NULL,
    tallied_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (game_id, question_index)
);
