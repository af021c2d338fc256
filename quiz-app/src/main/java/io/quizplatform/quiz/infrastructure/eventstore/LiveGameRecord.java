package io.quizplatform.quiz.infrastructure.eventstore;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code live_games}: the games index (the PIN of a game that is not over, and what a host's list of past
 * games shows). Persisted when a game is created, locked by every command on the game ({@link GameEventStore#lockLive})
 * and changed through that managed copy. Out of EclipseLink's shared cache: every quiz-app instance runs commands.
 */
@Entity
@Table(name = "live_games")
@Cacheable(false)
public class LiveGameRecord {

    @Id
    @Column(name = "game_id")
    private UUID gameId;

    @Column(nullable = false, updatable = false)
    private String pin;

    @Column(name = "quiz_id", nullable = false, updatable = false)
    private UUID quizId;

    @Column(name = "host_id", nullable = false, updatable = false)
    private String hostId;

    @Column(nullable = false)
    private String phase;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "player_count", nullable = false)
    private int playerCount;

    /** When the game's latest event was recorded: a game idle for long is ended by the server (IdleGameEnding). */
    @Column(name = "last_event_at", nullable = false)
    private Instant lastEventAt;

    protected LiveGameRecord() {
    }

    LiveGameRecord(UUID gameId, String pin, UUID quizId, String hostId, String phase) {
        this.gameId = gameId;
        this.pin = pin;
        this.quizId = quizId;
        this.hostId = hostId;
        this.phase = phase;
        this.lastEventAt = Instant.now();
    }

    /** What the game's latest events changed. */
    void recorded(String newPhase, boolean ended, boolean started, int players, Instant at) {
        phase = newPhase;
        if (ended) {
            endedAt = at;
        }
        if (started) {
            startedAt = at;
        }
        playerCount = players;
        lastEventAt = at;
    }

    Instant endedAt() { return endedAt; }

    Instant lastEventAt() { return lastEventAt; }
}
