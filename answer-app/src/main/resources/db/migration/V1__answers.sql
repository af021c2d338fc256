-- answer-app's view of each game, built from quiz-events in the order of the game's partition.
CREATE TABLE games (
    game_id         UUID        PRIMARY KEY,
    host_id         VARCHAR(64) NOT NULL,
    open_question   INTEGER     NOT NULL DEFAULT -1,
    opened_at       TIMESTAMPTZ,
    closes_at       TIMESTAMPTZ,
    last_closed     INTEGER     NOT NULL DEFAULT -1,
    ended_at        TIMESTAMPTZ,
    -- version counter of the events answer-app publishes about this game on answer-events
    answer_events   BIGINT      NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL
);

-- The answer key of each question, as the quiz was when the game was created.
CREATE TABLE game_questions (
    game_id         UUID        NOT NULL REFERENCES games (game_id) ON DELETE CASCADE,
    question_index  INTEGER     NOT NULL,
    answer_key      JSONB       NOT NULL,
    PRIMARY KEY (game_id, question_index)
);

CREATE TABLE game_players (
    game_id         UUID        NOT NULL REFERENCES games (game_id) ON DELETE CASCADE,
    player_id       UUID        NOT NULL,
    kicked          BOOLEAN     NOT NULL DEFAULT false,
    PRIMARY KEY (game_id, player_id)
);

-- Accepted answers. One per player per question is this constraint's job, whatever the code above it does.
CREATE TABLE answers (
    answer_id       UUID        PRIMARY KEY,
    game_id         UUID        NOT NULL,
    question_index  INTEGER     NOT NULL,
    player_id       UUID        NOT NULL,
    option_ids      JSONB       NOT NULL,
    text_answer     VARCHAR(100),
    correct         BOOLEAN,
    response_ms     BIGINT      NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL,
    decided_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT one_answer_per_player_per_question UNIQUE (game_id, question_index, player_id)
);

-- Refused answers, kept for operators and disputes.
CREATE TABLE refused_answers (
    answer_id       UUID        PRIMARY KEY,
    game_id         UUID        NOT NULL,
    question_index  INTEGER     NOT NULL,
    player_id       VARCHAR(64) NOT NULL,
    reason          VARCHAR(40) NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL,
    decided_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX refused_answers_game ON refused_answers (game_id, question_index);
