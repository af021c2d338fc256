package io.quizplatform.answer.infrastructure;

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
 * A row of {@code game_questions}: a question's answer key as JSON. Read through this entity; written with the game
 * in SQL, because the column is JSONB (a cast JPA cannot bind). Out of EclipseLink's shared cache (the repository
 * keeps the keys it read).
 */
@Entity
@Table(name = "game_questions")
@IdClass(AnswerKeyRecord.Key.class)
@Cacheable(false)
public class AnswerKeyRecord {

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

    /** JSONB, read as its text. */
    @Column(name = "answer_key", nullable = false, insertable = false, updatable = false)
    private String answerKey;

    protected AnswerKeyRecord() {
    }

    String answerKey() {
        return answerKey;
    }
}
