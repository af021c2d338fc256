-- Creates the four service databases. The postgres image runs the files in /docker-entrypoint-initdb.d once, on the
-- first start with an empty data volume, as POSTGRES_USER (quiz_platform), which therefore owns them.
-- Each service creates and migrates its own schema (Flyway) when it starts; nothing else is needed here.
-- To re-run it: docker-compose down -v (drops the volume and all data).
CREATE DATABASE user_db;
CREATE DATABASE quiz_db;
CREATE DATABASE answer_db;
CREATE DATABASE scoring_db;
