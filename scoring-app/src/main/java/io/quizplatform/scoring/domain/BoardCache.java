package io.quizplatform.scoring.domain;

import io.quizplatform.contracts.Standing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The fast copy of each game's board, kept beside the committed one in scoring_db (the read model every score is
 * written to), so reading a leaderboard costs no database query. It may be down or lose a board: callers fall back
 * to {@link BoardStore} and rebuild it from there. Implemented with Redis by {@code infrastructure.redis.RedisBoards}.
 */
public interface BoardCache {

    /** The top of a board and how many players it ranks. */
    record Top(long players, List<Standing> standings) {
    }

    /** Replaces the game's board with {@code rows} (the whole board), kept for {@code ttl}. */
    void replace(UUID gameId, List<BoardRow> rows, Duration ttl);

    /** Fails unless the cache answers. */
    void ping();

    /** Keeps the game's board for {@code ttl} from now. */
    void expire(UUID gameId, Duration ttl);

    /** The top {@code limit} players; empty when the cache has no board for the game (never built, or expired). */
    Optional<Top> top(UUID gameId, int limit);

    /** How many players the game's cached board ranks (0: no board). */
    long playerCount(UUID gameId);

    /** A player's place; empty when the cache has no board for the game or the player is not on it. */
    Optional<Standing> place(UUID gameId, String playerId);
}
