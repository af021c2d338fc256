CREATE TABLE users (
    id             UUID         PRIMARY KEY,
    email          VARCHAR(254) NOT NULL,
    display_name   VARCHAR(60)  NOT NULL,
    password_hash  VARCHAR(512) NOT NULL,
    roles          VARCHAR(100) NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL,
    version        BIGINT       NOT NULL
);
-- E-mail addresses are stored normalized (trimmed, lower-case); one account per address.
CREATE UNIQUE INDEX users_email_unique ON users (email);
