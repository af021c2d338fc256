package io.quizplatform.answer.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a game stands, as far as answers go: which question is open and until when, which closed last. Built from
 * the game's events in the order of its partition, so an answer that reaches answer-app after the question's
 * close event is too late even if a slow instance stamped it a moment earlier.
 *
 * @param openQuestion the open question's index, or -1
 * @param lastClosed   the last question that closed, or -1
 */
public record AnswerWindow(int openQuestion, Instant openedAt, Instant closesAt, int lastClosed, boolean ended) {

    /** Why an answer to this question, received then, does not count; empty when it may count. */
    public Optional<Refusal> refusal(int questionIndex, Instant receivedAt) {
        if (ended || questionIndex <= lastClosed && questionIndex != openQuestion) {
            return Optional.of(Refusal.QUESTION_CLOSED);
        }
        if (questionIndex != openQuestion || receivedAt.isBefore(openedAt)) {
            return Optional.of(Refusal.QUESTION_NOT_OPEN);
        }
        if (!receivedAt.isBefore(closesAt)) {
            return Optional.of(Refusal.TOO_LATE);
        }
        return Optional.empty();
    }

    /**
     * From the moment the question was shown to the player ({@link FairTiming}: the opening, or the receiving
     * instance's {@code shownAt} within the bound) to the server's receipt; never negative.
     */
    public long responseMs(Instant receivedAt, Instant shownAt, FairTiming timing) {
        return timing.responseMs(openedAt, shownAt, receivedAt);
    }
}
