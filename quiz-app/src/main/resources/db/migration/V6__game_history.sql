-- A host's past games are listed from the games index: it also keeps when a game started and how many players
-- (not kicked) it had, updated with every append like its phase. Existing games get both from their events.
ALTER TABLE live_games ADD COLUMN started_at TIMESTAMPTZ;
ALTER TABLE live_games ADD COLUMN player_count INTEGER NOT NULL DEFAULT 0;

UPDATE live_games g SET
    started_at = (SELECT min(e.created_at) FROM event_store e
                  WHERE e.aggregate_id = g.game_id AND e.event_type = 'game.started'),
    player_count = (SELECT count(*) FILTER (WHERE e.event_type = 'game.player-joined')
                         - count(*) FILTER (WHERE e.event_type = 'game.player-kicked')
                    FROM event_store e WHERE e.aggregate_id = g.game_id);

CREATE INDEX live_games_host ON live_games (host_id, created_at DESC);
CREATE INDEX live_games_created ON live_games (created_at DESC);
