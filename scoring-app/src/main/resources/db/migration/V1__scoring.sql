-- scoring-app's view of each game, built from quiz-events (settings, questions, players, end) and answer-events
-- (accepted answers, tallies), and the scores themselves.
CREATE TABLE games (
    game_id           UUID        PRIMARY KEY,
    host_id           VARCHAR(64) NOT NULL,
    quiz_id           VARCHAR(64),
    speed_scoring     BOOLEAN     NOT NULL,
    streak_bonus      BOOLEAN     NOT NULL,
    -- PLAYING -> ENDED -> FINALIZED, or FINISHED_WITH_ERRORS when the completion gave up
    status            VARCHAR(30) NOT NULL DEFAULT 'PLAYING',
    end_reason        VARCHAR(20),
    created_at        TIMESTAMPTZ NOT NULL,
    ended_at          TIMESTAMPTZ,
    -- version counter of the events scoring-app publishes about this game on scoring-events
    score_events      BIGINT      NOT NULL DEFAULT 0
);

-- The questions as the game plays them, with what the report needs once they are tallied.
CREATE TABLE game_questions (
    game_id             UUID         NOT NULL REFERENCES games (game_id) ON DELETE CASCADE,
    question_index      INTEGER      NOT NULL,
    question_type       VARCHAR(20)  NOT NULL,
    question_text       VARCHAR(500) NOT NULL,
    points              INTEGER      NOT NULL,
    time_limit_seconds  INTEGER      NOT NULL,
    -- polls and 0-point questions neither score nor touch streaks
    counts              BOOLEAN      NOT NULL,
    options             JSONB        NOT NULL,
    opened_at           TIMESTAMPTZ,
    tallied_at          TIMESTAMPTZ,
    answered            INTEGER,
    correct             INTEGER,
    distribution        JSONB,
    text_answers        JSONB,
    PRIMARY KEY (game_id, question_index)
);

-- The leaderboard's read model: one row per player, updated as answers are scored.
CREATE TABLE player_scores (
    game_id            UUID        NOT NULL,
    player_id          VARCHAR(64) NOT NULL,
    nickname           VARCHAR(20),
    kicked             BOOLEAN     NOT NULL DEFAULT false,
    total              INTEGER     NOT NULL DEFAULT 0,
    correct_answers    INTEGER     NOT NULL DEFAULT 0,
    answered           INTEGER     NOT NULL DEFAULT 0,
    total_response_ms  BIGINT      NOT NULL DEFAULT 0,
    streak             INTEGER     NOT NULL DEFAULT 0,
    -- the counting question that last extended the streak (-1: none)
    streak_question    INTEGER     NOT NULL DEFAULT -1,
    -- the highest question scored for the player: answers come question by question, so one at or below it was scored
    last_question      INTEGER     NOT NULL DEFAULT -1,
    final_rank         INTEGER,
    PRIMARY KEY (game_id, player_id)
);
CREATE INDEX player_scores_board ON player_scores (game_id, total DESC, total_response_ms, player_id);

-- Every scored answer. The key makes scoring an answer twice impossible, whatever the code above it does.
CREATE TABLE scored_answers (
    game_id         UUID        NOT NULL,
    question_index  INTEGER     NOT NULL,
    player_id       VARCHAR(64) NOT NULL,
    answer_id       UUID        NOT NULL,
    points          INTEGER     NOT NULL,
    bonus           INTEGER     NOT NULL,
    correct         BOOLEAN,
    response_ms     BIGINT      NOT NULL,
    scored_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (game_id, question_index, player_id)
);

-- Events about a game scoring-app has not heard of yet (its quiz-events consumer is behind its answer-events one):
-- kept in order and applied when game.created arrives.
CREATE TABLE waiting_events (
    seq        BIGSERIAL   PRIMARY KEY,
    game_id    UUID        NOT NULL,
    envelope   TEXT        NOT NULL,
    waited_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX waiting_events_game ON waiting_events (game_id, seq);

-- The game-completion saga: one row per ended game, advanced step by step, each step in its own transaction.
CREATE TABLE game_finalizations (
    game_id          UUID          PRIMARY KEY REFERENCES games (game_id) ON DELETE CASCADE,
    step             VARCHAR(30)   NOT NULL,
    -- RUNNING, DONE, FAILED (compensated: the game is finished with errors until an operator retries)
    state            VARCHAR(10)   NOT NULL,
    attempts         INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ   NOT NULL,
    last_error       VARCHAR(1000),
    started_at       TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ   NOT NULL DEFAULT now(),
    completed_at     TIMESTAMPTZ
);
CREATE INDEX game_finalizations_due ON game_finalizations (next_attempt_at) WHERE state = 'RUNNING';

-- Reports are kept after the game: the host downloads them later.
CREATE TABLE game_reports (
    game_id    UUID        PRIMARY KEY REFERENCES games (game_id) ON DELETE CASCADE,
    report     JSONB       NOT NULL,
    built_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
