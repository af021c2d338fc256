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

    /** More than a quiz holds (100 questions): a gap this wide is no game moving on. */
    private static final int MOST_QUESTIONS = 1000;

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
     * nothing). The questions before it whose close never came here (parked) are ended by it.
     *
     * @return the questions this opening ends, to be tallied unless they were already, or none
     */
    List<Integer> opened(int questionIndex, Instant at, Instant closes) {
        if (endedAt != null || questionIndex <= lastClosed || questionIndex < openQuestion) {
            return List.of();
        }
        List<Integer> ends = passed(questionIndex);
        if (!ends.isEmpty()) {
            lastClosed = questionIndex - 1; // their answers are final now
        }
        openQuestion = questionIndex;
        openedAt = at;
        closesAt = closes;
        return ends;
    }

    /**
     * A question closes, whether or not its opening was applied here (an opening parked in the dead-letter topic),
     * and whenever the close comes (replayed after later questions, or after the end). A later question already open
     * stays open; the earlier ones whose close never came here are ended by it.
     *
     * @return the questions this close ends: the earlier ones not yet closed here, then this one. Whether each is news
     *         is for {@code question_tallies} to say: a repeated close ends the same question again.
     */
    List<Integer> closed(int questionIndex) {
        List<Integer> ends = passed(questionIndex);
        ends.add(questionIndex);
        if (openQuestion <= questionIndex) {
            openQuestion = -1;
        }
        lastClosed = Math.max(lastClosed, questionIndex);
        return ends;
    }

    /**
     * The questions between the last closed here and this one: quiz-app opens a game's questions in turn, so the game
     * has moved past each of them, whether its opening, its close or both were parked (none with more than a quiz's
     * questions in between: no real game).
     */
    private List<Integer> passed(int questionIndex) {
        List<Integer> passed = new ArrayList<>();
        if (questionIndex - lastClosed - 1 <= MOST_QUESTIONS) {
            for (int q = lastClosed + 1; q < questionIndex; q++) {
                passed.add(q);
            }
        }
        return passed;
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
