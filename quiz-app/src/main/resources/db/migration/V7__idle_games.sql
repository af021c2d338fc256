-- A game nothing has happened to for GAME_IDLE_END_SECONDS is ended by the server (its host left without ending it,
-- and its PIN would stay taken): the games index keeps when its latest event was recorded, updated with every append.
-- Existing games get the time of their end, else of their latest event (one row each, through the event store's
-- unique (aggregate_id, event_version) index), else of their creation.
ALTER TABLE live_games ADD COLUMN last_event_at TIMESTAMPTZ;

UPDATE live_games g SET last_event_at = COALESCE(g.ended_at,
    (SELECT e.created_at FROM event_store e WHERE e.aggregate_id = g.game_id ORDER BY e.event_version DESC LIMIT 1),
    g.created_at);

ALTER TABLE live_games ALTER COLUMN last_event_at SET NOT NULL;
ALTER TABLE live_games ALTER COLUMN last_event_at SET DEFAULT now();

CREATE INDEX live_games_idle ON live_games (last_event_at) WHERE ended_at IS NULL;
