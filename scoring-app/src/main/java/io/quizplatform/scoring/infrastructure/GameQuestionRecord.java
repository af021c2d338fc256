package io.quizplatform.scoring.infrastructure;

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
 * A row of {@code game_questions}: a question as the game plays it. Read and counted through JPQL; written by the
 * game's creation and the tally in SQL, because their JSONB columns need a cast JPA cannot bind (the driver sends a
 * Java string as varchar), and through the entity when the question opens. Out of EclipseLink's shared cache.
 */
@Entity
@Table(name = "game_questions")
@IdClass(GameQuestionRecord.Key.class)
@Cacheable(false)
public class GameQuestionRecord {

    /** The primary key: game and question index. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private UUID gameId;
        private int questionIndex;

        public Key() {
        }

        Key(UUID gameId, int questionIndex) {
            this.gameId = gameId;
            this.questionIndex = questionIndex;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && questionIndex == k.questionIndex && Objects.equals(gameId, k.gameId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(gameId, questionIndex);
        }
    }

    @Id
    @Column(name = "game_id")
    private UUID gameId;

    @Id
    @Column(name = "question_index")
    private int questionIndex;

    @Column(name = "question_type", nullable = false, insertable = false, updatable = false)
    private String questionType;

    @Column(name = "question_text", nullable = false, insertable = false, updatable = false)
    private String questionText;

    @Column(nullable = false, insertable = false, updatable = false)
    private int points;

    @Column(name = "time_limit_seconds", nullable = false, insertable = false, updatable = false)
    private int timeLimitSeconds;

    @Column(nullable = false, insertable = false, updatable = false)
    private boolean counts;

    /** JSONB, read as its text. */
    @Column(nullable = false, insertable = false, updatable = false)
    private String options;

    @Column(name = "opened_at", insertable = false)
    private Instant openedAt;

    @Column(name = "tallied_at", insertable = false, updatable = false)
    private Instant talliedAt;

    @Column(insertable = false, updatable = false)
    private Integer answered;

    @Column(insertable = false, updatable = false)
    private Integer correct;

    /** JSONB, read as its text. */
    @Column(insertable = false, updatable = false)
    private String distribution;

    /** JSONB, read as its text. */
    @Column(name = "text_answers", insertable = false, updatable = false)
    private String textAnswers;

    protected GameQuestionRecord() {
    }

    /** The first time recorded stays. */
    void opened(Instant at) {
        if (openedAt == null) {
            openedAt = at;
        }
    }
}
