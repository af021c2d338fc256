package io.quizplatform.platform.messaging;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * How the listing of parked records is bounded and ordered: newest first, at most {@code limit} entries. Within a
 * partition records are parked in offset order, so the newest {@code limit} of all partitions together are among the
 * last {@code limit} offsets of each partition: those are all the listing reads.
 */
public final class DeadLetterListing {

    public static final int DEFAULT_LIMIT = 500;
    public static final int MAX_LIMIT = 1000;

    /** Newest first (parked at, then offset), then by topic and partition for records parked at the same instant. */
    static final Comparator<DeadLetterEntry> NEWEST_FIRST = Comparator
            .comparing(DeadLetterEntry::parkedAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(DeadLetterEntry::dlqTopic)
            .thenComparingInt(DeadLetterEntry::partition)
            .thenComparing(Comparator.comparingLong(DeadLetterEntry::offset).reversed());

    private DeadLetterListing() {
    }

    /** Where reading a partition starts so that its last {@code limit} records, and no more, are read. */
    static long firstOffsetToRead(long beginning, long end, int limit) {
        return Math.max(beginning, end - limit);
    }

    /** The {@code limit} newest entries, newest first. */
    static List<DeadLetterEntry> newest(Collection<DeadLetterEntry> entries, int limit) {
        return entries.stream().sorted(NEWEST_FIRST).limit(limit).toList();
    }
}
