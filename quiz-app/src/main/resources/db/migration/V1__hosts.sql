-- Read model of the accounts that host quizzes, fed by user-events (user.registered, user.profile-updated).
CREATE TABLE hosts (
    host_id        UUID        PRIMARY KEY,
    display_name   VARCHAR(60) NOT NULL,
    roles          VARCHAR(100) NOT NULL,
    user_version   BIGINT      NOT NULL,
    registered_at  TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
