package io.quizplatform.quiz.application;

import io.quizplatform.platform.RepeatedFailure;
import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.domain.game.IdleGames;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Ends the games nothing has happened to for {@code GAME_IDLE_END_SECONDS} (no join, command or transition: a host
 * who closed the tab in the lobby or on a results screen). Without it such a game stayed live for good: its PIN
 * taken, its players' screens waiting, every instance keeping it in memory and resuming it after each restart. Its
 * end is an ordinary {@code game.ended} (reason {@code IDLE}): the screens say the game is over and scoring-app
 * finalizes its podium and report. Every instance looks; the game's lock and the second look under it end each game
 * once, and never one that moved meanwhile.
 */
@ApplicationScoped
public class IdleGameEnding {

    private static final Logger LOG = Logger.getLogger(IdleGameEnding.class.getName());

    /** Env GAME_IDLE_END_SECONDS; 0 never ends a game for being idle. */
    static final String IDLE_END_KEY = "game.idle.end.seconds";
    static final int IDLE_END_DEFAULT_SECONDS = 7200;
    /** Games ended per look at most (the longest idle first); the next look takes the rest. */
    static final int PER_LOOK = 100;

    @Inject
    IdleGames idle;

    @Inject
    GameCommands commands;

    @Inject
    GameChanges changes;

    @Inject
    ServiceSettings settings;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private volatile Duration idleLimit = Duration.ZERO;
    private final RepeatedFailure cannotLook = new RepeatedFailure(LOG, "idle games cannot be looked for, trying at"
            + " every look", Duration.ofMinutes(10));
    private final RepeatedFailure cannotEnd = new RepeatedFailure(LOG, "an idle game could not be ended, trying at the"
            + " next look", Duration.ofMinutes(10));
    private volatile ScheduledFuture<?> looking;

    /** Starts looking once the schema is migrated (the platform's start-up observes the same event first). */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) @Initialized(ApplicationScoped.class) Object ignored) {
        int seconds = Math.max(0, settings.intValue(IDLE_END_KEY, IDLE_END_DEFAULT_SECONDS));
        if (seconds == 0) {
            LOG.info("games are never ended for being idle (" + IDLE_END_KEY + "=0)");
            return;
        }
        idleLimit = Duration.ofSeconds(seconds);
        // A game is ended within a tenth of the limit (at most a minute) after it became due.
        long every = Math.max(1, Math.min(60, seconds / 10));
        looking = scheduler.scheduleWithFixedDelay(this::endIdleGames, every, every, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        ScheduledFuture<?> l = looking;
        if (l != null) {
            l.cancel(false);
        }
    }

    /** One look: ends every game idle for the limit (up to {@link #PER_LOOK}); returns how many it ended. */
    int endIdleGames() {
        Instant cutoff = Instant.now().minus(idleLimit);
        List<UUID> candidates;
        try {
            candidates = idle.idleSince(cutoff, PER_LOOK);
            cannotLook.recovered();
        } catch (RuntimeException e) {
            // The database is away: the next look tries again.
            cannotLook.occurred("the idle games query", e);
            return 0;
        }
        int ended = 0;
        boolean failed = false;
        for (UUID gameId : candidates) {
            try {
                Game after = commands.run(gameId, "server", game ->
                        idle.stillIdleSince(gameId, cutoff) && game.endIdle(Instant.now()) ? game : null);
                if (after != null) {
                    ended++;
                    LOG.info("game " + gameId + " ended: nothing happened to it for " + idleLimit.toSeconds()
                            + " s (GAME_IDLE_END_SECONDS)");
                    // Pushed from here at once, like the clock's transitions; the fan-out tells the other instances.
                    changes.announce(after);
                }
            } catch (RuntimeException e) {
                // Not another instance's end or a move meanwhile (the lock and the second look settle those): the
                // database went away, or the game cannot be read. Said once per interval, tried at the next look.
                failed = true;
                cannotEnd.occurred("game " + gameId, e);
            }
        }
        if (!failed) {
            cannotEnd.recovered();
        }
        return ended;
    }
}
