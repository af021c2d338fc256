package io.quizplatform.scoring.infrastructure;

import io.quizplatform.scoring.domain.ScoreStore;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A row of {@code scored_answers}. Inserted in one set-based SQL statement per consumer batch
 * ({@link ScoringRepository#saveScores}, the answer burst's path); read, and its bonus re-scored, through this
 * entity. Out of EclipseLink's shared cache.
 */
@Entity
@Table(name = "scored_answers")
@IdClass(ScoredAnswerRecord.Key.class)
@Cacheable(false)
public class ScoredAnswerRecord {

    /** The primary key: game, question index, player. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private UUID gameId;
        private int questionIndex;
        private String playerId;

        public Key() {
        }

        Key(UUID gameId, int questionIndex, String playerId) {
            this.gameId = gameId;
            this.questionIndex = questionIndex;
            this.playerId = playerId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && questionIndex == k.questionIndex && Objects.equals(gameId, k.gameId)
                    && Objects.equals(playerId, k.playerId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(gameId, questionIndex, playerId);
        }
    }

    @Id
    @Column(name = "game_id")
    private UUID gameId;

    @Id
    @Column(name = "question_index")
    private int questionIndex;

    @Id
    @Column(name = "player_id")
    private String playerId;

    @Column(name = "answer_id", nullable = false, insertable = false, updatable = false)
    private UUID answerId;

    @Column(nullable = false, insertable = false, updatable = false)
    private int points;

    @Column(nullable = false, insertable = false)
    private int bonus;

    @Column(insertable = false, updatable = false)
    private Boolean correct;

    @Column(name = "response_ms", nullable = false, insertable = false, updatable = false)
    private long responseMs;

    @Column(name = "scored_at", nullable = false, insertable = false, updatable = false)
    private Instant scoredAt;

    protected ScoredAnswerRecord() {
    }

    ScoreStore.StoredAnswer view() {
        return new ScoreStore.StoredAnswer(questionIndex, points, bonus, correct, responseMs);
    }

    void rescore(int newBonus) {
        bonus = newBonus;
    }
}
