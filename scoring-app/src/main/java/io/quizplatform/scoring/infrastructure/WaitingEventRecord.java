package io.quizplatform.scoring.infrastructure;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code waiting_events}: an event about a game scoring-app has not seen created yet, kept in arrival
 * order ({@code seq}) until game.created applies it. Out of EclipseLink's shared cache.
 */
@Entity
@Table(name = "waiting_events")
@Cacheable(false)
public class WaitingEventRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long seq;

    @Column(name = "game_id", nullable = false)
    private UUID gameId;

    @Column(nullable = false)
    private String envelope;

    @Column(name = "waited_at", nullable = false, insertable = false, updatable = false)
    private Instant waitedAt;

    protected WaitingEventRecord() {
    }

    WaitingEventRecord(UUID gameId, String envelope) {
        this.gameId = gameId;
        this.envelope = envelope;
    }

    String envelope() {
        return envelope;
    }
}
