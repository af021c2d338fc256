package io.quizplatform.quiz.infrastructure.eventstore;

import io.quizplatform.platform.persistence.UniqueViolation;
import io.quizplatform.quiz.domain.StoredEvent;
import io.quizplatform.quiz.domain.game.CommittedGames;
import io.quizplatform.quiz.domain.game.IdleGames;
import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.domain.game.GameEvent;
import io.quizplatform.quiz.domain.game.GameEvents;
import io.quizplatform.quiz.domain.game.GamePhase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Games in the event store, plus the {@code live_games} index that finds a game by its PIN while it is not over
 * (the PIN is unique among live games only, so it can be reused afterwards).
 */
@ApplicationScoped
public class GameEventStore implements GameEvents, CommittedGames, IdleGames {

    public static final String AGGREGATE_TYPE = "game";

    @Inject
    EventStore events;

    @Inject
    EntityManager entityManager;

    /**
     * The PIN is taken by another live game. The caller draws another: no FFDC incident for it (the mark is why this
     * subclass of the domain's exception exists).
     */
    @io.quizplatform.platform.persistence.ReportedByCaller
    public static class PinTaken extends io.quizplatform.quiz.domain.game.PinTaken {
        public PinTaken() {
        }
    }

    /**
     * The latest committed state of each live game this instance has read, at the store's version. Replaying a whole
     * history per read cost a game of 10,000 players milliseconds per join, hello, command and fan-out poll; now a
     * read applies only the newer events, to a copy (a snapshot is never changed once published, so readers share
     * it), and a command gets a copy of its own.
     */
    private record Snapshot(long version, Game game) {
    }

    private final java.util.Map<UUID, Snapshot> snapshots = new java.util.concurrent.ConcurrentHashMap<>();

    /** The game as committed, for a command to change: a copy of its own. */
    @Override
    public Optional<Game> load(UUID gameId) {
        return latest(gameId).map(Game::copy);
    }

    /**
     * The game as committed, to read only: shared with every other reader, never to be changed (commands go through
     * {@link #load}).
     */
    @Override
    public Optional<Game> latest(UUID gameId) {
        Snapshot known = snapshots.get(gameId);
        List<StoredEvent> newer = events.read(AGGREGATE_TYPE, gameId, known == null ? 0 : known.version());
        if (newer.isEmpty()) {
            return Optional.ofNullable(known).map(Snapshot::game);
        }
        List<GameEvent> later = newer.stream().map(e -> GameEventCodec.fromJson(e.type(), e.data())).toList();
        Game game;
        if (known == null) {
            game = Game.fromHistory(later);
        } else {
            game = known.game().copy();
            game.replay(later);
        }
        keep(gameId, newer.get(newer.size() - 1).version(), game);
        return Optional.of(game);
    }

    /** The store's version of each of these games, in one query (a game without events is left out). */
    @Override
    public java.util.Map<UUID, Long> versions(java.util.Collection<UUID> gameIds) {
        return events.versions(AGGREGATE_TYPE, gameIds);
    }

    /** One event of a game as quiz-events carries it. */
    public record LoggedEvent(long version, String type, String data) {
    }

    /**
     * The game after events the fan-out has just read from the log, to read only. When they continue the state held
     * here they are applied to it in memory: a class joining at once made the fan-out read every joining game from
     * the database at each poll, taking pool connections from the joins' own commits. A gap (an event not seen here)
     * or a game not held here is read from the store as before.
     */
    public Optional<Game> afterLogged(UUID gameId, List<LoggedEvent> logged) {
        Snapshot known = snapshots.get(gameId);
        if (known == null) {
            return latest(gameId);
        }
        List<GameEvent> next = new java.util.ArrayList<>();
        long version = known.version();
        for (LoggedEvent event : logged) {
            if (event.version() <= version) {
                continue; // applied already: read with an earlier batch, or delivered twice
            }
            if (event.version() != version + 1) {
                return latest(gameId);
            }
            next.add(GameEventCodec.fromJson(event.type(), event.data()));
            version = event.version();
        }
        if (next.isEmpty()) {
            return Optional.of(known.game());
        }
        Game game = known.game().copy();
        game.replay(next);
        keep(gameId, version, game);
        return Optional.of(game);
    }

    private void keep(UUID gameId, long version, Game game) {
        if (game.phase() == GamePhase.ENDED) {
            snapshots.remove(gameId);
        } else {
            // Only ever move forward: a slower reader must not replace a newer state.
            snapshots.merge(gameId, new Snapshot(version, game), (old, fresh) -> fresh.version() > old.version() ? fresh : old);
        }
    }

    /**
     * PINs this instance found live, each kept {@value #PIN_KEPT_SECONDS} s. A class joining at once asked the database
     * once per join: one more transaction each, taking pool connections from the joins' own commits and from the
     * hosts' first hellos (which then waited past the pool's 5 s). A game that ends here lets go of its PIN at once;
     * one ended on another instance is still found here for at most those seconds, and its join is refused by the
     * game's own rule ({@code game-ended}).
     */
    static final long PIN_KEPT_SECONDS = 10;

    private record KnownPin(UUID gameId, long keptUntilNanos) {
    }

    private final java.util.Map<String, KnownPin> pins = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    @Transactional // a transaction takes no connection until the query runs: none when the PIN is known
    public Optional<UUID> liveGameByPin(String pin) {
        long now = System.nanoTime();
        KnownPin known = pins.get(pin);
        if (known != null && now - known.keptUntilNanos() < 0) {
            return Optional.of(known.gameId());
        }
        pins.values().removeIf(k -> now - k.keptUntilNanos() >= 0);
        // One read per PIN however many joins miss it at once (a whole class when it expires): the others wait for it.
        KnownPin read = pins.compute(pin, (p, other) -> other != null && System.nanoTime() - other.keptUntilNanos() < 0 ? other
                : readLiveGameByPin(p).map(id -> new KnownPin(id, System.nanoTime()
                        + java.util.concurrent.TimeUnit.SECONDS.toNanos(PIN_KEPT_SECONDS))).orElse(null));
        return Optional.ofNullable(read).map(KnownPin::gameId);
    }

    private Optional<UUID> readLiveGameByPin(String pin) {
        return entityManager.createQuery("SELECT g.gameId FROM LiveGameRecord g WHERE g.pin = :pin AND g.endedAt IS NULL", UUID.class)
                .setParameter("pin", pin).getResultStream().findFirst();
    }

    @Override
    @Transactional
    public List<UUID> liveGameIds() {
        return entityManager.createQuery("SELECT g.gameId FROM LiveGameRecord g WHERE g.endedAt IS NULL", UUID.class).getResultList();
    }

    @Override
    @Transactional
    public List<UUID> idleSince(Instant cutoff, int limit) {
        return entityManager.createQuery("SELECT g.gameId FROM LiveGameRecord g WHERE g.endedAt IS NULL"
                        + " AND g.lastEventAt < :cutoff ORDER BY g.lastEventAt", UUID.class)
                .setParameter("cutoff", cutoff).setMaxResults(limit).getResultList();
    }

    /** Reads the row {@link #lockLive} locked (managed already: nothing is read again). */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean stillIdleSince(UUID gameId, Instant cutoff) {
        LiveGameRecord live = entityManager.find(LiveGameRecord.class, gameId);
        return live != null && live.endedAt() == null && live.lastEventAt().isBefore(cutoff);
    }

    /**
     * Serializes the commands on one live game for the rest of the transaction ({@code SELECT ... FOR UPDATE}: the
     * commands wait for each other); {@link #append} writes through the managed row.
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockLive(UUID gameId) {
        entityManager.find(LiveGameRecord.class, gameId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Registers a new game's PIN; throws {@link PinTaken} when another live game has it. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void register(Game game) {
        try {
            entityManager.persist(new LiveGameRecord(UUID.fromString(game.id()), game.pin(), UUID.fromString(game.quizId()),
                    game.hostId(), game.phase().name().toLowerCase()));
            entityManager.flush(); // the PIN's uniqueness is the database's to say, here rather than at commit
        } catch (PersistenceException e) {
            if (UniqueViolation.isCausedBy(e)) {
                throw new PinTaken();
            }
            throw e;
        }
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(Game game, String actorId) {
        UUID gameId = UUID.fromString(game.id());
        boolean starts = game.pendingEvents().stream().anyMatch(e -> e instanceof GameEvent.GameStarted);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        events.append(AGGREGATE_TYPE, gameId, game.expectedVersion(),
                game.pendingEvents().stream().map(e -> new EventStore.NewEvent(e.type(), GameEventCodec.toJson(e))).toList(),
                actorId, null, at);
        game.markCommitted();
        // The index also keeps what a host's list of past games shows (phase, start, players), without replays. The row
        // is managed already (locked by lockLive, or persisted by register), so this reads nothing.
        LiveGameRecord live = entityManager.find(LiveGameRecord.class, gameId);
        if (live != null) {
            live.recorded(game.phase().name().toLowerCase(), game.phase() == GamePhase.ENDED, starts,
                    (int) game.activePlayerCount(), at);
        }
        if (game.phase() == GamePhase.ENDED) {
            pins.remove(game.pin());
        }
    }
}
