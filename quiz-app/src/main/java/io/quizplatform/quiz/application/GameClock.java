package io.quizplatform.quiz.application;

import io.quizplatform.platform.NamedThreads;
import io.quizplatform.quiz.domain.ConcurrentChange;
import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.domain.game.GameEvents;
import io.quizplatform.quiz.domain.game.GamePhase;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's clock for games: opens a question when its preview is over and closes it when its time is up, whether
 * or not anyone is connected. A firing runs the domain's {@code openIfDue}/{@code closeIfDue}, so a late, repeated or
 * concurrent firing (another instance, a replay after a restart) records nothing twice: the event store lets one
 * append win and the others find nothing due.
 *
 * <p>The firings run on threads of their own (a scheduled pool over the container's {@link ManagedThreadFactory}),
 * not on a managed scheduled executor: in Liberty those have no threads of their own, a due firing waited in the one
 * server-wide queue behind a burst's socket writes and consumers, and closes ran 0.3-1.2 s late in 100 games of 100
 * ({@code quiz_game_clock_lateness_seconds}; README "Benchmarks").
 */
@ApplicationScoped
public class GameClock {

    private static final Logger LOG = Logger.getLogger(GameClock.class.getName());

    /** The longest wait between two attempts at a transition that failed. */
    static final Duration RETRY_MAX = Duration.ofSeconds(10);

    /**
     * Threads for firings. A firing is one short transaction (lock, load, append) and a push, and mostly waits: for a
     * pool connection, a game's row lock, the commit. Eight let a few slow ones hold up no other game's close (four
     * did as well warm, worse on a cold server); idle they cost nothing.
     */
    static final int THREADS = 8;

    @Resource
    ManagedThreadFactory threadFactory;

    @Inject
    GameCommands commands;

    @Inject
    GameEvents store;

    @Inject
    GameChanges changes;

    @Inject
    MetricRegistry metrics;

    private ScheduledThreadPoolExecutor timers;

    /**
     * The transition each game has armed on this instance. Every change of a game is announced several times (the
     * fan-out, the clock, the watch, a host's command), and each used to arm a firing of its own: four transactions
     * for each opening and close, three of them finding nothing due. A game's entry goes when the game ends, or an
     * hour after its transition was due (a game its host left, {@link #forgetStale}).
     */
    private final Map<UUID, Armed> armed = new ConcurrentHashMap<>();

    /**
     * How long after its due time a transition is still remembered as armed; after that a late announcement of it
     * would arm it again, one firing that finds nothing due.
     */
    static final Duration FORGET_AFTER = Duration.ofHours(1);

    private volatile Timer firedLate;
    private volatile Timer recordedLate;

    record Transition(int questionIndex, boolean open) {

        /** A game's transitions come in this order: each question opens, then closes. */
        int order() {
            return questionIndex * 2 + (open ? 0 : 1);
        }
    }

    /** The transition a game has armed here, and when it was due. */
    record Armed(Transition transition, Instant due) {
    }

    /** Drops what was due more than {@link #FORGET_AFTER} ago: games not ended, whose host left them. */
    static int forgetStale(Map<UUID, Armed> armed, Instant now) {
        Instant cutoff = now.minus(FORGET_AFTER);
        int before = armed.size();
        armed.values().removeIf(a -> a.due().isBefore(cutoff));
        return before - armed.size();
    }

    @PostConstruct
    void createTimers() {
        timers = new ScheduledThreadPoolExecutor(THREADS, NamedThreads.of(threadFactory, "game-clock"));
        timers.setRemoveOnCancelPolicy(true);
        long sweep = FORGET_AFTER.toMinutes() / 6;
        timers.scheduleWithFixedDelay(() -> forgetStale(armed, Instant.now()), sweep, sweep, TimeUnit.MINUTES);
        // Started here, so no thread is made later from whichever thread (a consumer, a request) arms a firing.
        timers.prestartAllCoreThreads();
    }

    @PreDestroy
    void stopTimers() {
        timers.shutdownNow();
    }

    /**
     * {@code quiz_game_clock_lateness_seconds{step}}: how long after its due time a clock transition ran
     * ({@code step="fired"}: the firing started; {@code step="recorded"}: the opening or close was in the event store).
     * Registered at start so the series exist before the first game.
     */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        firedLate = metrics.timer("quiz.game.clock.lateness", new Tag("step", "fired"));
        recordedLate = metrics.timer("quiz.game.clock.lateness", new Tag("step", "recorded"));
    }

    /**
     * Looks at a game's phase and arms what comes next by the clock (once per transition on this instance). Every
     * instance hears of every game change ({@link GameChanges}, from the fan-out) and arms what is due, so a question
     * still closes on time when the instance that opened it is gone; the event store lets only one of them record it.
     */
    public void follow(Game game) {
        UUID gameId = UUID.fromString(game.id());
        if (game.phase() == GamePhase.PREVIEW) {
            arm(gameId, new Transition(game.questionIndex(), true), game.opensAt());
        } else if (game.phase() == GamePhase.OPEN) {
            arm(gameId, new Transition(game.questionIndex(), false), game.closesAt());
        } else if (game.phase() == GamePhase.ENDED) {
            armed.remove(gameId);
        }
    }

    /** After a restart: every live game's pending transition is armed again (or run at once if overdue). */
    public int resumeLiveGames() {
        int resumed = 0;
        for (UUID gameId : store.liveGameIds()) {
            try {
                store.latest(gameId).ifPresent(this::follow);
                resumed++;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not resume game " + gameId, e);
            }
        }
        return resumed;
    }

    private void arm(UUID gameId, Transition transition, Instant due) {
        // The transition stays armed after it fired, so a late announcement of the same change (or of an older one:
        // the fan-out may be behind the clock) does not arm it again.
        boolean[] newer = {false};
        armed.compute(gameId, (id, before) -> {
            newer[0] = before == null || transition.order() > before.transition().order();
            return newer[0] ? new Armed(transition, due) : before;
        });
        if (newer[0]) {
            at(due, () -> fire(gameId, transition, due));
        }
    }

    private void at(Instant due, Runnable firing) {
        // Rounded up: a firing a fraction of a millisecond early would find nothing due yet.
        long delay = Math.max(0, (Duration.between(Instant.now(), due).toNanos() + 999_999) / 1_000_000);
        try {
            timers.schedule(firing, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // This instance is stopping: the others (or this one's restart, resumeLiveGames) fire it.
            LOG.fine(() -> "stopping: a game transition not armed here");
        }
    }

    private void fire(UUID gameId, Transition transition, Instant due) {
        late(firedLate, due);
        fire(gameId, transition, due, 0);
    }

    private void fire(UUID gameId, Transition transition, Instant due, int failures) {
        try {
            Game after = record(gameId, transition, due);
            if (after == null) {
                return;
            }
            if (after.questionIndex() == transition.questionIndex()
                    && after.phase() == (transition.open() ? GamePhase.PREVIEW : GamePhase.OPEN)) {
                // Still not due (this machine's clock was set back meanwhile): fire again when it is.
                at(transition.open() ? after.opensAt() : after.closesAt(), () -> fire(gameId, transition, due, failures));
                return;
            }
            // Pushed from here at once, by whichever instance's clock fired: the screens move on time even when
            // the fan-out is slow or missed the event (it dedupes by version); this also arms the close of a
            // question just opened.
            changes.announce(after);
        } catch (RuntimeException e) {
            // The database is away (or another failure): the transition is still due. Try again, ever less
            // often, so a question never stays open for good because its close fell into an outage.
            long wait = Math.min(RETRY_MAX.toMillis(), 500L << Math.min(failures, 6));
            if (failures == 0 || failures % 10 == 0) {
                LOG.warning("game " + gameId + ": the " + (transition.open() ? "opening" : "close") + " of question "
                        + transition.questionIndex() + " could not be recorded ("
                        + io.quizplatform.platform.Failures.describe(e) + "); trying again in " + wait + " ms");
            }
            at(Instant.now().plusMillis(wait), () -> fire(gameId, transition, due, failures + 1));
        }
    }

    /** Records the transition if it is due; the game after it, or null if the game is gone. */
    private Game record(UUID gameId, Transition transition, Instant due) {
        ConcurrentChange last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                boolean[] moved = {false};
                Game after = commands.run(gameId, "clock", game -> {
                    if (game.questionIndex() == transition.questionIndex()) {
                        Instant now = Instant.now();
                        moved[0] = transition.open() ? game.openIfDue(now) : game.closeIfDue(now);
                    }
                    return game;
                });
                if (moved[0]) {
                    late(recordedLate, due);
                }
                return after;
            } catch (ConcurrentChange e) {
                // someone else changed the game meanwhile: look again
                last = e;
            } catch (UnknownGame e) {
                // No such game (any more): nothing is due.
                armed.remove(gameId);
                return null;
            }
        }
        throw last;
    }

    /** A firing of a transition already overdue (a resumed game) counts as late as it was. */
    private static void late(Timer timer, Instant due) {
        if (timer != null) {
            timer.update(Duration.ofMillis(Math.max(0, Duration.between(due, Instant.now()).toMillis())));
        }
    }
}
