package io.quizplatform.scoring.infrastructure;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * A row of {@code player_scores}: the leaderboard's read model. Written only by SQL upserts (a join, a kick and a
 * consumer batch's scores race to create the row; the batch writes every player in one statement) and set-based
 * updates; counted here through JPQL (the boards, with their collation and window functions, and the burst's read
 * stay SQL: ADR 0003). Out of EclipseLink's shared cache.
 */
@Entity
@Table(name = "player_scores")
@IdClass(PlayerScoreRecord.Key.class)
@Cacheable(false)
public class PlayerScoreRecord {

    /** The primary key: game and player. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private UUID gameId;
        private String playerId;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(gameId, k.gameId) && Objects.equals(playerId, k.playerId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(gameId, playerId);
        }
    }

    @Id
    @Column(name = "game_id")
    private UUID gameId;

    @Id
    @Column(name = "player_id")
    private String playerId;

    @Column(insertable = false, updatable = false)
    private String nickname;

    @Column(nullable = false, insertable = false, updatable = false)
    private boolean kicked;

    @Column(nullable = false, insertable = false, updatable = false)
    private int total;

    @Column(name = "correct_answers", nullable = false, insertable = false, updatable = false)
    private int correctAnswers;

    @Column(nullable = false, insertable = false, updatable = false)
    private int answered;

    @Column(name = "total_response_ms", nullable = false, insertable = false, updatable = false)
    private long totalResponseMs;

    @Column(nullable = false, insertable = false, updatable = false)
    private int streak;

    @Column(name = "streak_question", nullable = false, insertable = false, updatable = false)
    private int streakQuestion;

    @Column(name = "last_question", nullable = false, insertable = false, updatable = false)
    private int lastQuestion;

    @Column(name = "final_rank", insertable = false, updatable = false)
    private Integer finalRank;

    protected PlayerScoreRecord() {
    }
}
