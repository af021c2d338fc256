package io.quizplatform.quiz.application;

import io.quizplatform.platform.persistence.ReportedByCaller;

import java.util.OptionalLong;

/**
 * A change based on a version of the quiz that is no longer current: someone changed it since the host loaded it,
 * and nothing was changed. {@code current} is unknown when another writer got in between load and append. Marked
 * {@link ReportedByCaller}: it leaves {@link QuizAuthoring}'s transactions as an answer, not as a failure.
 */
@ReportedByCaller
public final class QuizChangedMeanwhile extends RuntimeException {

    private final OptionalLong current;
    private final long expected;

    private QuizChangedMeanwhile(OptionalLong current, long expected) {
        super("the quiz is no longer at version " + expected
                + (current.isPresent() ? " (it is at " + current.getAsLong() + ")" : ""));
        this.current = current;
        this.expected = expected;
    }

    /** The quiz is at {@code current}, the change was based on {@code expected}. */
    public static QuizChangedMeanwhile at(long current, long expected) {
        return new QuizChangedMeanwhile(OptionalLong.of(current), expected);
    }

    /** Another writer appended first: the change was based on {@code expected}, where the quiz is now is not known. */
    public static QuizChangedMeanwhile since(long expected) {
        return new QuizChangedMeanwhile(OptionalLong.empty(), expected);
    }

    public OptionalLong current() {
        return current;
    }

    /** The version the change was based on (the client's If-Match). */
    public long expected() {
        return expected;
    }
}
