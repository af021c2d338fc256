package io.quizplatform.quiz.application;

import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.domain.game.GamePhase;
import io.quizplatform.quiz.infrastructure.eventstore.EventStore;
import io.quizplatform.quiz.infrastructure.eventstore.GameEventStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's clock for games: opens a question when its preview is over and closes it when its time is up, on a
 * managed scheduled executor, whether or not anyone is connected. A firing runs the domain's
 * {@code openIfDue}/{@code closeIfDue}, so a late, repeated or concurrent firing (another instance, a replay after
 * a restart) records nothing twice: the event store lets one append win and the others find nothing due.
 */
@ApplicationScoped
public class GameClock {

    private static final Logger LOG = Logger.getLogger(GameClock.class.getName());

    /** The longest wait between two attempts at a transition that failed. */
    static final Duration RETRY_MAX = Duration.ofSeconds(10);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    GameCommands commands;

    @Inject
    GameEventStore store;

    @Inject
    jakarta.enterprise.event.Event<GameChanged> changed;

    /** Looks at a game's phase and schedules what comes next by the clock. */
    public void follow(Game game) {
        if (game.phase() == GamePhase.PREVIEW) {
            at(game.opensAt(), UUID.fromString(game.id()), game.questionIndex(), true);
        } else if (game.phase() == GamePhase.OPEN) {
            at(game.closesAt(), UUID.fromString(game.id()), game.questionIndex(), false);
        }
    }

    /**
     * Every instance hears of every game change (fan-out) and schedules what is due, so a question still closes on
     * time when the instance that opened it is gone; the event store lets only one of them record it.
     */
    void onGameChanged(@jakarta.enterprise.event.Observes GameChanged change) {
        follow(change.game());
    }

    /** After a restart: every live game's pending transition is scheduled again (or run at once if overdue). */
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

    private void at(Instant due, UUID gameId, int questionIndex, boolean open) {
        long delay = Math.max(0, Duration.between(Instant.now(), due).toMillis());
        scheduler.schedule(() -> fire(gameId, questionIndex, open), delay, TimeUnit.MILLISECONDS);
    }

    private void fire(UUID gameId, int questionIndex, boolean open) {
        fire(gameId, questionIndex, open, 0);
    }

    private void fire(UUID gameId, int questionIndex, boolean open, int failures) {
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                Game after = commands.run(gameId, "clock", game -> {
                    if (game.questionIndex() == questionIndex) {
                        Instant now = Instant.now();
                        if (open) {
                            game.openIfDue(now);
                        } else {
                            game.closeIfDue(now);
                        }
                    }
                    return game;
                });
                // Pushed from here at once, by whichever instance's clock fired: the screens move on time even when
                // the fan-out is slow or missed the event (it dedupes by version); this also schedules the close of a
                // question just opened.
                changed.fire(new GameChanged(after));
                return;
            } catch (EventStore.ConcurrentChange e) {
                // someone else changed the game meanwhile: look again
            } catch (io.quizplatform.platform.api.ProblemException e) {
                // No such game (any more): nothing is due.
                return;
            } catch (RuntimeException e) {
                // The database is away (or another failure): the transition is still due. Try again, ever less
                // often, so a question never stays open for good because its close fell into an outage.
                long wait = Math.min(RETRY_MAX.toMillis(), 500L << Math.min(failures, 6));
                if (failures == 0 || failures % 10 == 0) {
                    LOG.warning("game " + gameId + ": the " + (open ? "opening" : "close") + " of question " + questionIndex
                            + " could not be recorded (" + io.quizplatform.platform.Failures.describe(e) + "); trying again in "
                            + wait + " ms");
                }
                scheduler.schedule(() -> fire(gameId, questionIndex, open, failures + 1), wait, TimeUnit.MILLISECONDS);
                return;
            }
        }
    }
}
