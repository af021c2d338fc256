package io.quizplatform.answer.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When a player's response time starts: when the question was shown to them, not when it opened for the game. At
 * ten thousand players the last phones are written the open question about a second after the first; counting from
 * the opening would take speed points from them for the server's own delay.
 * <p>
 * "Shown" is the receiving quiz-app instance's stamp ({@code shownAt}: when it first wrote the open question to the
 * player's connection, by its own clock; never the client's word). It is believed only within
 * {@link #maxCompensation} of the opening: whatever a player does (connecting late on purpose, reconnecting to
 * another instance, a skewed clock on that instance), the start moves at most that far, and never before the
 * opening. The time limit is not moved: the question closes for everyone at the same moment ({@link AnswerWindow}).
 *
 * @param maxCompensation the most a start may move after the opening; zero switches compensation off
 */
public record FairTiming(Duration maxCompensation) {

    public FairTiming {
        if (maxCompensation == null || maxCompensation.isNegative()) {
            throw new IllegalArgumentException("the compensation bound must be zero or more: " + maxCompensation);
        }
    }

    public static FairTiming upToMillis(long maxCompensationMs) {
        return new FairTiming(Duration.ofMillis(Math.max(0, maxCompensationMs)));
    }

    /** max(openedAt, min(shownAt, openedAt + maxCompensation)); the opening when nothing says when it was shown. */
    public Instant start(Instant openedAt, Instant shownAt) {
        if (shownAt == null || !shownAt.isAfter(openedAt)) {
            return openedAt;
        }
        Instant latest = openedAt.plus(maxCompensation);
        return shownAt.isAfter(latest) ? latest : shownAt;
    }

    /**
     * From the start to the server's receipt: never negative (an answer stamped before its question's stamp counts as
     * instant) and never more than from the opening.
     */
    public long responseMs(Instant openedAt, Instant shownAt, Instant receivedAt) {
        return Math.max(0, Duration.between(start(openedAt, shownAt), receivedAt).toMillis());
    }
}
