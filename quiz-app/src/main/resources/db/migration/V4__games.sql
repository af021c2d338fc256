-- Games that are not over, by PIN: a PIN is unique among live games and free again once a game ends.
CREATE TABLE live_games (
    game_id     UUID        PRIMARY KEY,
    pin         VARCHAR(6)  NOT NULL,
    quiz_id     UUID        NOT NULL,
    host_id     VARCHAR(64) NOT NULL,
    phase       VARCHAR(20) NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    ended_at    TIMESTAMPTZ
);
CREATE UNIQUE INDEX live_games_pin ON live_games (pin) WHERE ended_at IS NULL;

-- Secret that signs player tokens (HS256), generated at first start unless PLAYER_TOKEN_SECRET is set, shared by
-- every quiz-app instance.
CREATE TABLE player_token_keys (
    key_id      VARCHAR(64) PRIMARY KEY,
    secret      TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
