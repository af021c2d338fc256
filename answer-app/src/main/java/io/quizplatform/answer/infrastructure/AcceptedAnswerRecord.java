package io.quizplatform.answer.infrastructure;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code answers}: an accepted answer. Inserted in one set-based SQL statement per consumer batch
 * ({@link JpaAnswerRepository#insertAnswers}, the answer burst's path); read through JPQL. Out of EclipseLink's
 * shared cache.
 */
@Entity
@Table(name = "answers")
@Cacheable(false)
public class AcceptedAnswerRecord {

    @Id
    @Column(name = "answer_id")
    private UUID answerId;

    @Column(name = "game_id", nullable = false, insertable = false, updatable = false)
    private UUID gameId;

    @Column(name = "question_index", nullable = false, insertable = false, updatable = false)
    private int questionIndex;

    @Column(name = "player_id", nullable = false, insertable = false, updatable = false)
    private UUID playerId;

    /** JSONB, read as its text. */
    @Column(name = "option_ids", nullable = false, insertable = false, updatable = false)
    private String optionIds;

    @Column(name = "text_answer", insertable = false, updatable = false)
    private String textAnswer;

    @Column(insertable = false, updatable = false)
    private Boolean correct;

    @Column(name = "response_ms", nullable = false, insertable = false, updatable = false)
    private long responseMs;

    @Column(name = "received_at", nullable = false, insertable = false, updatable = false)
    private Instant receivedAt;

    @Column(name = "decided_at", nullable = false, insertable = false, updatable = false)
    private Instant decidedAt;

    protected AcceptedAnswerRecord() {
    }
}
