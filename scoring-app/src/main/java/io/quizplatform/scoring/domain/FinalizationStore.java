package io.quizplatform.scoring.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The game-completion sagas' rows and what their steps write (final ranks, the game's end status), as the saga
 * reads and advances them. Implemented by {@code infrastructure.FinalizationRepository}; every method runs in the
 * caller's transaction.
 */
public interface FinalizationStore {

    /** A saga's row: the step it stands at, its state (RUNNING, DONE, FAILED) and its attempts at that step. */
    record Saga(UUID gameId, String step, String state, int attempts, String lastError, Instant startedAt,
                Instant updatedAt, Instant completedAt) {
    }

    /** Starts the game's saga at {@code firstStep}; a saga that exists already stays as it is. */
    void create(UUID gameId, String firstStep);

    /** Running sagas whose next attempt is due, the longest due first. */
    List<UUID> due(int limit);

    Optional<Saga> find(UUID gameId);

    /** The running saga, its row locked for this transaction; empty if not running or another instance holds it. */
    Optional<Saga> lockRunning(UUID gameId);

    void moveTo(UUID gameId, String step);

    /** The saga waits: tried again at {@code next}. */
    void later(UUID gameId, Instant next);

    void failedAttempt(UUID gameId, int attempts, String error, Instant next);

    /** Compensation: the saga stops and the game is finished with errors. */
    void giveUp(UUID gameId, String error);

    /** The saga is done and the game finalized. */
    void done(UUID gameId);

    /** A saga that gave up runs again from its step, its game ended again; false unless it had given up. */
    boolean restart(UUID gameId);

    /**
     * {@link #restart} for a saga that gave up at {@code step} only (a tally that came after the saga stopped waiting
     * for it), in one conditional statement; false otherwise, also when the game has no saga (it has not ended).
     */
    boolean restartIfGaveUpAt(UUID gameId, String step);

    /**
     * The game's lock (the one its scoring transactions hold) if free now, held until the transaction ends; false at
     * once when a scoring transaction of the game holds it (a tally may be on its way to the commit).
     */
    boolean tryLockGame(UUID gameId);

    /** Questions opened but not tallied: their answers may not all be scored yet. */
    int questionsNotScored(UUID gameId);

    /** When the game's last tally was recorded (null before the first). */
    Instant lastTallied(UUID gameId);

    int questionsPlayed(UUID gameId);

    /** Freezes each player's place, in the order of every board. */
    void finalRanks(UUID gameId);
}
