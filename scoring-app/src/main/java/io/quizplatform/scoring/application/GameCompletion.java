package io.quizplatform.scoring.application;

import io.quizplatform.platform.Failures;
import io.quizplatform.platform.RepeatedFailure;
import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.persistence.AfterCommit;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The game-completion saga. When a game ends: wait until every accepted answer is scored (every opened question
 * tallied), finalize the ranks, build the report, announce game.finalized. Its state is a row of
 * game_finalizations, advanced one step per transaction, so a restart resumes it where it stood and several
 * instances never run one saga twice at a time (the row is locked, others skip it).
 *
 * <p>A failing step is retried with exponential backoff (1 s, 2 s, 4 s ... at most 60 s, FINALIZATION_MAX_ATTEMPTS
 * attempts); waiting for scores gives up after FINALIZATION_WAIT_SECONDS. Then it compensates: the game is marked
 * finished with errors and game.finalization-failed is announced; an operator retries it from the step it stopped at.
 */
@ApplicationScoped
public class GameCompletion {

    private static final Logger LOG = Logger.getLogger(GameCompletion.class.getName());
    /** Sagas read per look, and how many of them run at once (each step is a transaction of its own). */
    static final int BATCH = 20;
    static final int AT_ONCE = 4;

    @Inject
    FinalizationSteps steps;

    @Inject
    ServiceSettings settings;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedExecutorService executor;

    @Resource
    TransactionSynchronizationRegistry transaction;

    private final AtomicBoolean driving = new AtomicBoolean();
    /** Checked every second: said when it starts failing (the database is away), once a minute, and when it works. */
    private final RepeatedFailure cannotLook = new RepeatedFailure(LOG, "game completion cannot look for due sagas, trying every second",
            java.time.Duration.ofMinutes(1));
    private final java.time.Instant startedAt = java.time.Instant.now();
    private volatile ScheduledFuture<?> ticks;

    /** Eagerly at start: a saga that was running when the service stopped resumes without anyone asking. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (ticks == null) {
            ticks = scheduler.scheduleWithFixedDelay(this::drive, 1, 1, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void stop() {
        ScheduledFuture<?> f = ticks;
        if (f != null) {
            f.cancel(false);
        }
    }

    /** The game ended: its saga starts with the transaction that recorded the end. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void begin(UUID gameId) {
        steps.create(gameId);
        AfterCommit.run(transaction, () -> scheduler.execute(GameCompletion.this::drive));
    }

    /** Operator: run a saga that gave up again, from the step it stopped at. */
    public boolean retry(UUID gameId) {
        boolean restarted = steps.restart(gameId);
        if (restarted) {
            scheduler.execute(this::drive);
        }
        return restarted;
    }

    /** Advances every due saga as far as it can go now, a few at a time. */
    void drive() {
        if (!driving.compareAndSet(false, true)) {
            return;
        }
        try {
            DueSagas.driveAll(limit -> {
                List<UUID> due = steps.due(limit);
                cannotLook.recovered();
                return due;
            }, BATCH, this::advance, executor, AT_ONCE);
        } catch (RuntimeException e) {
            cannotLook.occurred("due sagas", e);
        } finally {
            driving.set(false);
        }
    }

    /** Runs the saga's steps while they move on; the outcome of the last one (FAILED when a step threw). */
    private FinalizationSteps.Outcome advance(UUID gameId) {
        FinalizationSteps.Outcome outcome = FinalizationSteps.Outcome.MOVED;
        for (int i = 0; i < FinalizationSteps.Step.values().length && outcome == FinalizationSteps.Outcome.MOVED; i++) {
            try {
                outcome = steps.runStep(gameId, waitSeconds(), startedAt);
            } catch (RuntimeException e) {
                String error = Failures.describe(e);
                LOG.log(Level.WARNING, "game " + gameId + ": completion step failed, retried with backoff: " + error);
                try {
                    steps.stepFailed(gameId, error, maxAttempts());
                } catch (RuntimeException again) {
                    LOG.log(Level.WARNING, "game " + gameId + ": could not record the failed step: " + Failures.describe(again));
                }
                return FinalizationSteps.Outcome.FAILED;
            }
        }
        return outcome;
    }

    private int waitSeconds() {
        return settings.intValue("scoring.finalization.wait.seconds", 120);
    }

    private int maxAttempts() {
        return settings.intValue("scoring.finalization.max.attempts", 5);
    }
}
