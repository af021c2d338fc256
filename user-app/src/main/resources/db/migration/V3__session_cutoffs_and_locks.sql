-- Tokens of an account issued (iat) before sessions_valid_from are refused by every service: set by a password
-- change or an admin's lock. locked_at/locked_by: an admin locked the account; nobody can log in until unlocked.
ALTER TABLE users ADD COLUMN sessions_valid_from TIMESTAMPTZ;
ALTER TABLE users ADD COLUMN locked_at TIMESTAMPTZ;
ALTER TABLE users ADD COLUMN locked_by VARCHAR(36);
-- user-app writes the recent cutoffs to Redis again after an outage: only those within a token lifetime matter.
CREATE INDEX users_sessions_valid_from ON users (sessions_valid_from) WHERE sessions_valid_from IS NOT NULL;
