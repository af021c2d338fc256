package io.quizplatform.quiz.application;

import io.quizplatform.quiz.domain.game.CommittedGames;
import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.domain.game.GamePhase;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The safety net under the fan-out: every {@value #CHECK_SECONDS} s, each live game with connections on this
 * instance is compared with the event store (one query of their versions for all of them). A game whose view here is
 * still behind a version the previous check already saw (an event the fan-out never brought, e.g. across a broker
 * outage, rather than one on its way) is brought up to date and pushed, and
 * the miss is logged and counted ({@code quiz_game_views_repaired_total}), so a stall can neither last nor hide.
 * No games here: nothing runs but an empty loop every few seconds.
 */
@ApplicationScoped
public class LiveGameWatch {

    private static final Logger LOG = Logger.getLogger(LiveGameWatch.class.getName());
    static final long CHECK_SECONDS = 5;

    @Inject
    CommittedGames store;

    @Inject
    GameChanges changes;

    @Inject
    MetricRegistry metrics;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** game id -> the newest version this instance has pushed */
    private final Map<String, Long> watched = new ConcurrentHashMap<>();
    /** game id -> the store's version at the check that first found the view behind it */
    private final Map<String, Long> behind = new ConcurrentHashMap<>();
    private Counter repaired;
    private ScheduledFuture<?> task;

    @PostConstruct
    void start() {
        repaired = metrics.counter("quiz.game.views.repaired");
        task = scheduler.scheduleWithFixedDelay(this::check, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** A game with connections here: kept up to date until it ends. */
    public void watch(Game game) {
        if (game.phase() != GamePhase.ENDED) {
            watched.merge(game.id(), game.version(), Math::max);
        }
    }

    /** A change of a game was announced ({@link GameChanges}). */
    void changed(Game game) {
        if (game.phase() == GamePhase.ENDED) {
            watched.remove(game.id());
            behind.remove(game.id());
        } else {
            watched.computeIfPresent(game.id(), (id, seen) -> Math.max(seen, game.version()));
        }
    }

    void check() {
        if (watched.isEmpty()) {
            return;
        }
        Map<UUID, Long> versions;
        try {
            // One query for every watched game: hundreds of classrooms made hundreds of reads every few seconds.
            versions = store.versions(watched.keySet().stream().map(UUID::fromString).toList());
        } catch (RuntimeException e) {
            // The database is away: the next check tries again.
            LOG.fine(() -> "games not checked: " + e);
            return;
        }
        for (Map.Entry<String, Long> entry : watched.entrySet()) {
            long seen = entry.getValue();
            Long stored = versions.get(UUID.fromString(entry.getKey()));
            if (stored == null || stored <= seen) {
                behind.remove(entry.getKey());
                continue;
            }
            // Behind now may just be an event on its way: repair only what is still missing a check later.
            Long missing = behind.put(entry.getKey(), stored);
            if (missing != null && missing > seen) {
                repair(entry.getKey(), seen);
            }
        }
    }

    private void repair(String gameId, long seen) {
        try {
            store.latest(UUID.fromString(gameId)).ifPresent(game -> {
                behind.remove(gameId);
                repaired.inc();
                LOG.warning(() -> "game " + gameId + ": this instance's view was at version " + seen
                        + ", the game at " + game.version() + " (events not delivered by Kafka); brought up to date");
                changes.announce(game);
            });
        } catch (RuntimeException e) {
            LOG.fine(() -> "game " + gameId + " not repaired: " + e);
        }
    }
}
