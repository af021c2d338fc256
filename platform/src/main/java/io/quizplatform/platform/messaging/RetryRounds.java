package io.quizplatform.platform.messaging;

/**
 * How a consumer keeps trying an event that failed: each round is a delivery with MicroProfile Fault Tolerance's
 * quick retries ({@link EventDelivery#deliver}); between rounds the consumer waits exponentially longer (backoff,
 * 2 x backoff, 4 x backoff ..., at most 30 s), then parks the event in the dead-letter topic. The partition waits
 * meanwhile: the game's later events may depend on this one.
 *
 * @param count          rounds after the first (CONSUMER_RETRY_ROUNDS)
 * @param backoffMillis  the wait before the first of them (CONSUMER_RETRY_BACKOFF_MS)
 */
public record RetryRounds(int count, long backoffMillis) {

    static final long MAX_BACKOFF_MILLIS = 30_000;

    public RetryRounds {
        if (count < 0 || backoffMillis < 0) {
            throw new IllegalArgumentException("retry rounds and backoff must not be negative");
        }
    }

    /** The wait after failed round {@code round} (0 = the first delivery). */
    public long backoffMillis(int round) {
        if (round >= 62 || backoffMillis > (MAX_BACKOFF_MILLIS >> Math.min(round, 31))) {
            return MAX_BACKOFF_MILLIS;
        }
        return Math.min(MAX_BACKOFF_MILLIS, backoffMillis << round);
    }
}
