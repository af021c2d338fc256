package io.quizplatform.scoring.application;

import io.quizplatform.contracts.EventTypes;
import io.quizplatform.contracts.GameFinalizationFailed;
import io.quizplatform.contracts.GameFinalized;
import io.quizplatform.contracts.Standing;
import io.quizplatform.platform.persistence.AfterCommit;
import io.quizplatform.scoring.domain.BoardStore;
import io.quizplatform.scoring.domain.FinalizationStore;
import io.quizplatform.scoring.domain.FinalizationStore.Saga;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The steps of {@link GameCompletion}, each in a transaction of its own with the saga row that records it. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
@io.quizplatform.platform.persistence.ReportedByCaller // GameCompletion records and logs a failed step
public class FinalizationSteps {

    public enum Step { AWAITING_SCORES, FINALIZING_SCORES, BUILDING_REPORT, ANNOUNCING }

    /** MOVED: a step was done, the next may run now. WAITING: not yet. BUSY: another instance has it. */
    public enum Outcome { MOVED, WAITING, BUSY, DONE, FAILED }

    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    @Inject
    FinalizationStore sagas;

    @Inject
    BoardStore boards;

    @Inject
    Reports reports;

    @Inject
    ScoreEvents events;

    @Inject
    Leaderboards leaderboards;

    @Inject
    ScoringMetrics metrics;

    @Resource
    TransactionSynchronizationRegistry transaction;

    @Transactional(Transactional.TxType.MANDATORY)
    public void create(UUID gameId) {
        sagas.create(gameId, Step.AWAITING_SCORES.name());
    }

    public List<UUID> due(int limit) {
        return sagas.due(limit);
    }

    public Optional<Saga> status(UUID gameId) {
        return sagas.find(gameId);
    }

    /**
     * @param waitingSince this instance's start: waiting time spent while the service was down (its consumers not
     *                     reading the tallies that may be waiting in Kafka) does not count
     */
    public Outcome runStep(UUID gameId, int waitSeconds, Instant waitingSince) {
        Optional<Saga> locked = sagas.lockRunning(gameId);
        if (locked.isEmpty()) {
            return Outcome.BUSY;
        }
        Saga saga = locked.get();
        switch (Step.valueOf(saga.step())) {
            case AWAITING_SCORES -> {
                int unscored = sagas.questionsNotScored(gameId);
                if (unscored == 0) {
                    sagas.moveTo(gameId, Step.FINALIZING_SCORES.name());
                    return Outcome.MOVED;
                }
                // The clock runs from the last sign of progress: the saga's start, a tally, or this instance's start.
                Instant since = latest(saga.startedAt(), sagas.lastTallied(gameId), waitingSince);
                if (Duration.between(since, Instant.now()).toSeconds() >= waitSeconds) {
                    // Not while a scoring transaction of the game may be committing a tally this count cannot see yet:
                    // asked again in a second. Once the lock is held here, a tally committed later finds the saga
                    // given up and restarts it (AnswerScoring.publishBoard).
                    if (!sagas.tryLockGame(gameId)) {
                        sagas.later(gameId, Instant.now().plusSeconds(1));
                        return Outcome.WAITING;
                    }
                    unscored = sagas.questionsNotScored(gameId);
                    if (unscored == 0) {
                        sagas.moveTo(gameId, Step.FINALIZING_SCORES.name());
                        return Outcome.MOVED;
                    }
                    compensate(gameId, saga, unscored + " opened question(s) of the game were never tallied by answer-app within "
                            + waitSeconds + " s, so their answers are not all scored");
                    return Outcome.FAILED;
                }
                sagas.later(gameId, Instant.now().plusSeconds(1));
                return Outcome.WAITING;
            }
            case FINALIZING_SCORES -> {
                sagas.finalRanks(gameId);
                sagas.moveTo(gameId, Step.BUILDING_REPORT.name());
                return Outcome.MOVED;
            }
            case BUILDING_REPORT -> {
                // Under the game's lock, which the scoring of an answer holds: one scored after the final ranks were
                // computed is ranked here, one scored after this commits finds the report and rebuilds it.
                if (!sagas.tryLockGame(gameId)) {
                    sagas.later(gameId, Instant.now().plusSeconds(1));
                    return Outcome.WAITING;
                }
                sagas.finalRanks(gameId);
                reports.build(gameId);
                sagas.moveTo(gameId, Step.ANNOUNCING.name());
                return Outcome.MOVED;
            }
            case ANNOUNCING -> {
                List<Standing> podium = Leaderboards.standings(boards.standings(gameId, 3), 3);
                events.publish(gameId, EventTypes.GAME_FINALIZED, new GameFinalized(gameId.toString(),
                        (int) boards.playerCount(gameId), sagas.questionsPlayed(gameId), podium, Instant.now()));
                sagas.done(gameId);
                AfterCommit.run(transaction, () -> {
                    leaderboards.keepAfterGame(gameId);
                    metrics.completion("finalized");
                });
                return Outcome.DONE;
            }
            default -> throw new IllegalStateException("unknown step " + saga.step());
        }
    }

    private static Instant latest(Instant... instants) {
        Instant latest = Instant.EPOCH;
        for (Instant i : instants) {
            if (i != null && i.isAfter(latest)) {
                latest = i;
            }
        }
        return latest;
    }

    /** A step threw: try again later, or give up and compensate once the attempts are spent. */
    public void stepFailed(UUID gameId, String error, int maxAttempts) {
        Optional<Saga> locked = sagas.lockRunning(gameId);
        if (locked.isEmpty()) {
            return;
        }
        Saga saga = locked.get();
        int attempts = saga.attempts() + 1;
        if (attempts >= maxAttempts) {
            sagas.failedAttempt(gameId, attempts, error, Instant.now());
            compensate(gameId, new Saga(gameId, saga.step(), saga.state(), attempts, error, saga.startedAt(), saga.updatedAt(),
                    saga.completedAt()), error);
            return;
        }
        long backoff = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(attempts - 1, 16));
        sagas.failedAttempt(gameId, attempts, error, Instant.now().plusMillis(backoff));
    }

    private void compensate(UUID gameId, Saga saga, String error) {
        sagas.giveUp(gameId, error);
        AfterCommit.run(transaction, () -> metrics.completion("finished-with-errors"));
        events.publish(gameId, EventTypes.GAME_FINALIZATION_FAILED, new GameFinalizationFailed(gameId.toString(), saga.step(),
                error.length() > 1000 ? error.substring(0, 1000) : error, Math.max(1, saga.attempts()), Instant.now()));
    }

    /** @return false unless the saga had given up */
    public boolean restart(UUID gameId) {
        return sagas.restart(gameId);
    }
}
