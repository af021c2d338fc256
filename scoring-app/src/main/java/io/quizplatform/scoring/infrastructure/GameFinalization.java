package io.quizplatform.scoring.infrastructure;

import io.quizplatform.scoring.domain.FinalizationStore;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code game_finalizations}: where one game's completion saga stands. Out of EclipseLink's shared cache:
 * every scoring-app instance runs sagas, and a row another instance just moved on must be read as it is now.
 */
@Entity
@Table(name = "game_finalizations")
@Cacheable(false)
public class GameFinalization {

    static final String RUNNING = "RUNNING";
    static final String DONE = "DONE";
    static final String FAILED = "FAILED";
    private static final int MAX_ERROR = 1000;

    @Id
    @Column(name = "game_id")
    private UUID gameId;

    @Column(nullable = false)
    private String step;

    @Column(nullable = false)
    private String state;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    protected GameFinalization() {
    }

    FinalizationStore.Saga view() {
        return new FinalizationStore.Saga(gameId, step, state, attempts, lastError, startedAt, updatedAt, completedAt);
    }

    /** The saga moves on to its next step, which runs at once. */
    void moveTo(String next, Instant now) {
        step = next;
        attempts = 0;
        lastError = null;
        nextAttemptAt = now;
        updatedAt = now;
    }

    void later(Instant next) {
        nextAttemptAt = next;
    }

    void failedAttempt(int attemptsSoFar, String error, Instant next, Instant now) {
        attempts = attemptsSoFar;
        lastError = truncate(error);
        nextAttemptAt = next;
        updatedAt = now;
    }

    void giveUp(String error, Instant now) {
        state = FAILED;
        lastError = truncate(error);
        updatedAt = now;
    }

    void done(Instant now) {
        state = DONE;
        completedAt = now;
        updatedAt = now;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
    }
}
