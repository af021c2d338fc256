package io.quizplatform.scoring.application;

import io.quizplatform.contracts.Standing;
import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.scoring.domain.BoardCache;
import io.quizplatform.scoring.domain.BoardRow;
import io.quizplatform.scoring.domain.BoardStore;
import io.quizplatform.scoring.domain.ScoreStore;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves game leaderboards from Redis, and from PostgreSQL (the read model every score is committed to) whenever
 * Redis is down or lost the board. A board Redis could not take is remembered and rebuilt from PostgreSQL once Redis
 * answers again; at start every recent game's board is rebuilt, since this instance cannot know what Redis missed.
 */
@ApplicationScoped
public class Leaderboards {

    private static final Logger LOG = Logger.getLogger(Leaderboards.class.getName());

    /** Where a leaderboard was read from, for operators and tests. */
    public enum Source { REDIS, DATABASE }

    public record Board(UUID gameId, long players, List<Standing> standings, Source source) {
    }

    public record Place(UUID gameId, long players, Standing standing, Source source) {
    }

    @Inject
    BoardCache redis;

    @Inject
    LeaderboardReads database;

    @Inject
    ServiceSettings settings;

    @Inject
    ScoringMetrics metrics;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Set<UUID> stale = ConcurrentHashMap.newKeySet();
    private volatile ScheduledFuture<?> rebuilds;
    private volatile boolean recentMarked;

    /** Eagerly at start: the boards of recent games are rebuilt even if no one reads or scores them. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (rebuilds == null) {
            rebuilds = scheduler.scheduleWithFixedDelay(this::rebuildStale, 2, 2, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void stop() {
        ScheduledFuture<?> f = rebuilds;
        if (f != null) {
            f.cancel(false);
        }
    }

    /** How long a board stays in Redis after its last change (SCORING_BOARD_TTL_HOURS). */
    public Duration ttl() {
        return Duration.ofHours(settings.intValue("scoring.board.ttl.hours", 24));
    }

    /** A question was scored and committed: the fast copy follows. */
    public void boardChanged(UUID gameId, List<BoardRow> board) {
        try {
            redis.replace(gameId, board, ttl());
        } catch (RuntimeException e) {
            stale.add(gameId);
            LOG.log(Level.FINE, "Redis did not take the board of game " + gameId + "; rebuilt when it is back", e);
        }
    }

    /**
     * The committed board changed without a question being scored (a late answer to a finished game, a player kicked
     * out of the game): read from PostgreSQL until the fast copy is rebuilt ({@link #rebuildStale}), so the board and
     * the report agree.
     */
    public void boardStale(UUID gameId) {
        stale.add(gameId);
    }

    public void keepAfterGame(UUID gameId) {
        try {
            redis.expire(gameId, ttl());
        } catch (RuntimeException e) {
            stale.add(gameId);
        }
    }

    public Board top(UUID gameId, int limit) {
        if (!stale.contains(gameId)) {
            try {
                Optional<BoardCache.Top> top = redis.top(gameId, limit);
                if (top.isPresent()) {
                    metrics.leaderboardRead(Source.REDIS);
                    return new Board(gameId, top.get().players(), top.get().standings(), Source.REDIS);
                }
            } catch (RuntimeException e) {
                stale.add(gameId);
            }
        }
        metrics.leaderboardRead(Source.DATABASE);
        return database.top(gameId, limit);
    }

    public Optional<Place> place(UUID gameId, String playerId) {
        if (!stale.contains(gameId)) {
            try {
                Optional<Standing> standing = redis.place(gameId, playerId);
                if (standing.isPresent()) {
                    return Optional.of(new Place(gameId, redis.playerCount(gameId), standing.get(), Source.REDIS));
                }
                // No board in Redis, or the player joined since the last question was scored: PostgreSQL knows.
            } catch (RuntimeException e) {
                stale.add(gameId);
            }
        }
        return database.place(gameId, playerId);
    }

    /** Rebuilds the boards Redis missed, once it answers again. */
    void rebuildStale() {
        try {
            if (!recentMarked) {
                stale.addAll(database.recentGames());
                recentMarked = true;
            }
            if (stale.isEmpty()) {
                return;
            }
            redis.ping(); // no board is read from PostgreSQL while Redis is still away
            for (UUID gameId : new ArrayList<>(stale)) {
                database.underGameLock(gameId, board -> redis.replace(gameId, board, ttl()));
                stale.remove(gameId);
                metrics.boardRebuilt();
                LOG.fine(() -> "rebuilt the Redis board of game " + gameId);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Redis boards not rebuilt yet: " + e.getMessage());
        }
    }

    static List<Standing> standings(List<BoardRow> board, int limit) {
        List<Standing> top = new ArrayList<>(Math.min(limit, board.size()));
        for (int i = 0; i < board.size() && i < limit; i++) {
            BoardRow row = board.get(i);
            top.add(new Standing(i + 1, row.playerId(), nickname(row), row.total(), row.correctAnswers()));
        }
        return top;
    }

    /** A player whose join scoring-app has not read yet still needs a name on the board. */
    static String nickname(BoardRow row) {
        return row.nickname() == null || row.nickname().isEmpty() ? "player" : row.nickname();
    }

    /** The PostgreSQL side of the boards, each read in a transaction of its own. */
    @ApplicationScoped
    @Transactional
    public static class LeaderboardReads {

        @Inject
        ScoreStore repository;

        @Inject
        BoardStore boards;

        public Board top(UUID gameId, int limit) {
            return new Board(gameId, boards.playerCount(gameId), standings(boards.standings(gameId, limit), limit),
                    Source.DATABASE);
        }

        public Optional<Place> place(UUID gameId, String playerId) {
            long players = boards.playerCount(gameId);
            return boards.place(gameId, playerId).map(standing -> new Place(gameId, players, standing, Source.DATABASE));
        }

        /**
         * Hands the game's board to {@code write} while holding the game's lock: a board being scored meanwhile
         * commits (and is copied) after this write, never before it, so an older board never overwrites a newer one.
         */
        public void underGameLock(UUID gameId, java.util.function.Consumer<List<BoardRow>> write) {
            repository.lockGame(gameId);
            write.accept(boards.standings(gameId, 0));
        }

        public List<UUID> recentGames() {
            return repository.recentGames();
        }
    }
}
