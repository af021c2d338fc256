package io.quizplatform.answer.infrastructure;

import io.quizplatform.answer.domain.AnswerWindow;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A row of {@code games}: where a game stands for answers. Created by an insert-if-absent (a redelivered game.created
 * leaves one row); every other write goes through this entity, the row locked first ({@link JpaAnswerRepository}),
 * so the managed copy is the row for the rest of the transaction. Out of EclipseLink's shared cache: every
 * answer-app instance writes these rows.
 */
@Entity
@Table(name = "games")
@Cacheable(false)
public class AnswerGameRecord {

    @Id
    @Column(name = "game_id")
    private UUID gameId;

    @Column(name = "host_id", nullable = false, insertable = false, updatable = false)
    private String hostId;

    @Column(name = "open_question", nullable = false, insertable = false)
    private int openQuestion;

    @Column(name = "opened_at", insertable = false)
    private Instant openedAt;

    @Column(name = "closes_at", insertable = false)
    private Instant closesAt;

    @Column(name = "last_closed", nullable = false, insertable = false)
    private int lastClosed;

    @Column(name = "ended_at", insertable = false)
    private Instant endedAt;

    @Column(name = "answer_events", nullable = false, insertable = false)
    private long answerEvents;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    protected AnswerGameRecord() {
    }

    UUID gameId() {
        return gameId;
    }

    AnswerWindow window() {
        return new AnswerWindow(openQuestion, openedAt, closesAt, lastClosed, endedAt != null);
    }

    /**
     * A question opens, unless the game has moved past it: an opening replayed from the dead-letter topic after later
     * questions must not reopen it (every answer to the question open now would be refused, and its close tally
     * nothing). An earlier question still open is ended by it.
     *
     * @return the question this opening ends (its own close missing), to be tallied unless it was already, or none
     */
    List<Integer> opened(int questionIndex, Instant at, Instant closes) {
        if (endedAt != null || questionIndex <= lastClosed || questionIndex < openQuestion) {
            return List.of();
        }
        List<Integer> ends = List.of();
        if (openQuestion >= 0 && openQuestion < questionIndex) {
            // The earlier question's close never came (parked): its answers are final now, and it is tallied.
            ends = List.of(openQuestion);
            lastClosed = Math.max(lastClosed, openQuestion);
        }
        openQuestion = questionIndex;
        openedAt = at;
        closesAt = closes;
        return ends;
    }

    /**
     * A question closes, whether or not its opening was applied here (an opening parked in the dead-letter topic),
     * and whenever the close comes (replayed after later questions, or after the end). A later question already open
     * stays open; an earlier one still open is ended by it, its own close missing.
     *
     * @return the questions this close ends: an earlier one left open, if any, then this one. Whether each is news is
     *         for {@code question_tallies} to say: a repeated close ends the same question again.
     */
    List<Integer> closed(int questionIndex) {
        List<Integer> ends = new ArrayList<>(2);
        if (openQuestion >= 0 && openQuestion < questionIndex) {
            ends.add(openQuestion);
        }
        ends.add(questionIndex);
        if (openQuestion <= questionIndex) {
            openQuestion = -1;
        }
        lastClosed = Math.max(lastClosed, questionIndex);
        return ends;
    }

    /** A repeated end changes nothing; a question open at the end is closed by it. */
    void ended(Instant at) {
        if (endedAt != null) {
            return;
        }
        endedAt = at;
        lastClosed = Math.max(lastClosed, openQuestion);
        openQuestion = -1;
    }

    long answerEvents() {
        return answerEvents;
    }

    void answerEvents(long version) {
        answerEvents = version;
    }
}
