package io.quizplatform.scoring.infrastructure;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code games}: a game as scoring-app sees it. Created by an insert-if-absent (a redelivered game.created
 * leaves one row), its status moved through the entity, its event counter by one SQL statement
 * ({@link ScoringRepository#reserveEventVersions}); so nothing here is written back from the entity. Out of
 * EclipseLink's shared cache: every scoring-app instance writes these rows.
 */
@Entity
@Table(name = "games")
@Cacheable(false)
public class GameRecord {

    @Id
    @Column(name = "game_id")
    private UUID gameId;

    @Column(name = "host_id", nullable = false, insertable = false, updatable = false)
    private String hostId;

    @Column(name = "quiz_id", insertable = false, updatable = false)
    private String quizId;

    @Column(name = "speed_scoring", nullable = false, insertable = false, updatable = false)
    private boolean speedScoring;

    @Column(name = "streak_bonus", nullable = false, insertable = false, updatable = false)
    private boolean streakBonus;

    @Column(nullable = false, insertable = false)
    private String status;

    @Column(name = "end_reason", insertable = false)
    private String endReason;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "ended_at", insertable = false)
    private Instant endedAt;

    @Column(name = "score_events", nullable = false, insertable = false, updatable = false)
    private long scoreEvents;

    protected GameRecord() {
    }

    String hostId() { return hostId; }

    String quizId() { return quizId; }

    UUID gameId() { return gameId; }

    boolean speedScoring() { return speedScoring; }

    boolean streakBonus() { return streakBonus; }

    String status() { return status; }

    String endReason() { return endReason; }

    Instant endedAt() { return endedAt; }

    /** @return whether this was news: a game that ended already stays as it ended */
    boolean end(String reason, Instant at) {
        if (!"PLAYING".equals(status)) {
            return false;
        }
        status = "ENDED";
        endReason = reason;
        endedAt = at;
        return true;
    }

    /** The completion saga's outcome (or an operator's retry of it). */
    void status(String newStatus) {
        status = newStatus;
    }
}
