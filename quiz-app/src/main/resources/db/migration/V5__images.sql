-- Question images, content-addressed: the id is the lowercase hex SHA-256 of the stored (metadata-stripped) bytes,
-- so the same picture is stored once. Kept in quiz_db so a database backup holds the pictures its quizzes show.
CREATE TABLE images (
    image_id    VARCHAR(64)   PRIMARY KEY CHECK (image_id ~ '^[0-9a-f]{64}$'),
    media_type  VARCHAR(20) NOT NULL,
    width       INTEGER     NOT NULL CHECK (width > 0),
    height      INTEGER     NOT NULL CHECK (height > 0),
    byte_count  INTEGER     NOT NULL CHECK (byte_count > 0),
    data        BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
