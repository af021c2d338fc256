package io.quizplatform.answer.infrastructure;

import io.quizplatform.answer.domain.AnswerWindow;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
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
     * nothing).
     */
    void opened(int questionIndex, Instant at, Instant closes) {
        if (endedAt != null || questionIndex <= lastClosed || questionIndex < openQuestion) {
            return;
        }
        openQuestion = questionIndex;
        openedAt = at;
        closesAt = closes;
    }

    /**
     * A question closes: news to be tallied the first time, whether or not its opening was applied here. An opening
     * parked in the dead-letter topic (nothing accepted for that question) or a close replayed after the next question
     * opened must still give the question its tally: scoring-app's completion of the game waits for every one. A
     * repeated close, or one after the end, changes nothing; a later question already open stays open.
     *
     * @return whether the close is news (the question is to be tallied)
     */
    boolean closed(int questionIndex) {
        if (endedAt != null || questionIndex <= lastClosed) {
            return false;
        }
        if (openQuestion <= questionIndex) {
            openQuestion = -1;
        }
        lastClosed = questionIndex;
        return true;
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
