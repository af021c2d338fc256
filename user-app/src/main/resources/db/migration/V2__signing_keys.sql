-- Development signing key for access tokens, generated at first start when no key is configured
-- (JWT_SIGNING_KEY_LOCATION). Kept here so every user-app replica signs with the same key and tokens survive a
-- restart. Production mounts a key from a secret instead; this table then stays empty.
CREATE TABLE signing_keys (
    key_id       VARCHAR(64)  PRIMARY KEY,
    private_key  TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
