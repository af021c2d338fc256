package io.quizplatform.platform.outbox;

/**
 * What the outbox gauges show between two refreshes: the rows not yet published and the age of the oldest as the last
 * refresh found them. The age goes on growing after the refresh (the row is still waiting unless a later refresh
 * says otherwise), so a stuck outbox is seen to age by the second, not in steps of the refresh period.
 *
 * @param rows             rows not yet published, {@value #UNKNOWN} when the database could not say
 * @param oldestAgeSeconds age of the oldest of them at the refresh (0 when none)
 * @param refreshedNanos   {@link System#nanoTime()} of the refresh
 */
record PendingOutbox(long rows, double oldestAgeSeconds, long refreshedNanos) {

    /** What both gauges read when the database could not say (or before the first refresh). */
    static final long UNKNOWN = -1;

    static PendingOutbox unknown(long nanos) {
        return new PendingOutbox(UNKNOWN, 0, nanos);
    }

    static PendingOutbox of(OutboxBatch.Pending pending, long nanos) {
        return new PendingOutbox(pending.rows(), pending.oldestAgeSeconds(), nanos);
    }

    /** Seconds the oldest pending row has waited by {@code nowNanos}: 0 with nothing pending, -1 when unknown. */
    double oldestAgeSeconds(long nowNanos) {
        if (rows == UNKNOWN) {
            return UNKNOWN;
        }
        if (rows == 0) {
            return 0;
        }
        return oldestAgeSeconds + Math.max(0, nowNanos - refreshedNanos) / 1e9;
    }
}
