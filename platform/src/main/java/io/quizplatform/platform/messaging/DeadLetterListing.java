package io.quizplatform.platform.messaging;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the listing of parked records is bounded and ordered: newest first, at most {@code limit} entries a page.
 * Within a partition records are parked in offset order, so a page needs at most the last {@code limit} offsets of
 * each partition below the page's cursor: those are all it reads. The page takes each partition's records from its
 * highest offset down (a merge of the partitions, the newest head first), so what it leaves of a partition is all
 * below one offset, where the next page starts: no record is skipped or listed twice. The order is newest first as
 * far as the instances that parked agree on the time (a record parked by a clock behind comes no later than the
 * records below it in its partition).
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

    /**
     * What a page read of one partition: the offsets from {@code from} below {@code upTo}, of a partition whose oldest
     * kept record is at {@code beginning}.
     */
    record PartitionRead(String topic, int partition, long beginning, long from, long upTo) {
    }

    /** A page: its entries, newest first, and where the next starts (null when nothing is left). */
    record Page(List<DeadLetterEntry> entries, DeadLetterCursor next) {
    }

    private DeadLetterListing() {
    }

    /** Where reading a partition starts so that its last {@code limit} records below {@code upTo}, and no more, are read. */
    static long firstOffsetToRead(long beginning, long upTo, int limit) {
        return Math.max(beginning, upTo - limit);
    }

    /** The page of the {@code limit} newest entries, and the cursor past them over the partitions {@code reads}. */
    static Page page(Collection<DeadLetterEntry> entries, Collection<PartitionRead> reads, int limit) {
        Map<String, Deque<DeadLetterEntry>> byPartition = new HashMap<>();
        entries.stream().sorted(Comparator.comparingLong(DeadLetterEntry::offset).reversed())
                .forEach(e -> byPartition.computeIfAbsent(key(e.dlqTopic(), e.partition()), k -> new ArrayDeque<>()).add(e));
        PartitionMerge<DeadLetterEntry> newestFirst = new PartitionMerge<>(byPartition.values(), NEWEST_FIRST);
        List<DeadLetterEntry> page = new ArrayList<>();
        while (page.size() < limit && newestFirst.hasNext()) {
            page.add(newestFirst.next());
        }
        Map<String, Long> next = new HashMap<>();
        for (PartitionRead read : reads) {
            String key = key(read.topic(), read.partition());
            Deque<DeadLetterEntry> left = byPartition.get(key);
            // Below the highest record left on this partition; with none left, below what was read: offsets without
            // a record there (gaps, transaction markers) are not read again.
            long below = left != null && !left.isEmpty() ? left.peekFirst().offset() + 1 : read.from();
            if (below > read.beginning()) {
                next.put(key, below);
            }
        }
        return new Page(List.copyOf(page), next.isEmpty() ? null : DeadLetterCursor.of(next));
    }

    private static String key(String topic, int partition) {
        return topic + ":" + partition;
    }
}
