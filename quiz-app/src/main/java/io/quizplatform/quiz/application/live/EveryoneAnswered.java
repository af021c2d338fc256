package io.quizplatform.quiz.application.live;

import io.quizplatform.quiz.application.GameHosting;
import io.quizplatform.quiz.application.LiveAnswers;
import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.domain.game.GamePhase;
import io.quizplatform.platform.tracing.Tracing;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The early close: the open question closes once every player connected to the game, on any instance, has had an
 * answer accepted. The check and the close (a command with retries) run on a pool thread, never on the fan-out's
 * thread that every game shares; a game's checks asked for while one waits to run are that one.
 */
@ApplicationScoped
public class EveryoneAnswered {

    private static final Logger LOG = Logger.getLogger(EveryoneAnswered.class.getName());
    static final long RECHECK_MS = 2000;

    @Inject
    GameViews views;

    @Inject
    LiveAnswers answers;

    @Inject
    PlayersOnline presence;

    @Inject
    GameHosting games;

    @Resource
    ManagedExecutorService executor;

    @Inject
    Tracing tracing;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Games with a check handed to the executor that has not started yet. */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> recheck;

    /**
     * "Everyone answered" is looked at again every {@value #RECHECK_MS} ms for the open questions that have
     * answers, not only when an answer is accepted: an answer accepted while Redis (the list of connected players)
     * was away, or a player who left after the others answered, must not leave a question open until its time is up.
     */
    @PostConstruct
    void start() {
        recheck = scheduler.scheduleWithFixedDelay(() -> views.forEach((gameId, game) -> {
            if (game.phase() == GamePhase.OPEN && answers.count(gameId, game.questionIndex()) > 0) {
                check(gameId);
            }
        }), RECHECK_MS, RECHECK_MS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (recheck != null) {
            recheck.cancel(false);
        }
    }

    /** Answers were accepted: the check is handed to the executor (once, however many ask before it runs). */
    public void checkSoon(String gameId) {
        if (queued.add(gameId)) {
            try {
                // In the trace of the answer that asked (its close then continues it, through the outbox).
                executor.execute(tracing.carry(() -> {
                    queued.remove(gameId);
                    check(gameId);
                }));
            } catch (RuntimeException e) {
                queued.remove(gameId);
                LOG.fine(() -> "everyone-answered check of " + gameId + " not handed over: " + e);
            }
        }
    }

    /** Closes the open question once every player connected to the game, on any instance, has answered it. */
    void check(String gameId) {
        try {
            closeIfEveryoneAnswered(gameId);
        } catch (RuntimeException e) {
            // Refused (closed meanwhile, by the clock or another instance) or the database away: the next answer
            // or the recheck looks again.
            LOG.fine(() -> "everyone-answered check of " + gameId + " not done: " + e);
        }
    }

    private void closeIfEveryoneAnswered(String gameId) {
        Optional<Game> seen = views.seen(gameId);
        if (seen.isEmpty() || seen.get().phase() != GamePhase.OPEN) {
            return;
        }
        Game game = seen.get();
        int index = game.questionIndex();
        long onlineCount = presence.onlineCount(gameId);
        if (onlineCount < 0 || answers.count(gameId, index) < onlineCount) {
            // Cheap test first: fewer answers than connected players cannot be everyone.
            return;
        }
        Optional<Set<String>> online = presence.online(gameId);
        if (online.isEmpty()) {
            return;
        }
        Set<String> connected = new HashSet<>();
        online.get().stream().filter(id -> game.player(id).map(p -> !p.kicked()).orElse(false)).forEach(connected::add);
        // Accepted answers only: an answer merely received may still be behind the close in the game's partition.
        if (answers.allAccepted(gameId, index, connected)) {
            games.closeBecauseAllAnswered(UUID.fromString(gameId), index);
        }
    }
}
