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

    /**
     * Whether a failure says a dependency is away rather than that the event is bad: a connection that failed or
     * broke (SQL state class 08), a database shutting down or out of resources (57P, 53), a connection pool with no
     * connection to give. Such events are not parked: the consumer waits and reads them again.
     */
    public static boolean isOutage(Throwable rootCause) {
        for (Throwable t = rootCause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.sql.SQLRecoverableException || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")) {
                    return true;
                }
            }
        }
        return false;
    }
}
