package io.quizplatform.platform.messaging;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The parked records of a dead-letter topic that wait for a replay (events never replayed successfully), gathered
 * while the topic is read in offset order, and their replay, oldest first. Each partition's records
 * keep their offset order (the order their aggregates' events were parked in); partitions are merged by when their
 * next record was parked. Only the first {@code limit} of each partition are kept (values and all); the rest are
 * counted.
 */
final class DeadLetterWaiting {

    static final Comparator<ParkedRecord> OLDEST_FIRST = Comparator
            .comparing(ParkedRecord::parkedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparingInt(ParkedRecord::partition)
            .thenComparingLong(ParkedRecord::offset);

    private final int limit;
    private final Map<Integer, Deque<ParkedRecord>> byPartition = new HashMap<>();
    private long count;
    private long notEvents;

    DeadLetterWaiting(int limit) {
        this.limit = limit;
    }

    /** A record read, in offset order within its partition, with its latest replay (or null). */
    void offer(ParkedRecord record, DeadLetterReplay previous) {
        switch (ReplayPolicy.decide(record.replayable(), previous, false)) {
            case NOT_AN_EVENT -> notEvents++;
            case ALREADY_REPLAYED -> { }
            case REPLAY -> {
                count++;
                Deque<ParkedRecord> partition = byPartition.computeIfAbsent(record.partition(), p -> new ArrayDeque<>());
                if (partition.size() < limit) {
                    partition.addLast(record.withoutValue()); // its event is what a replay needs
                }
            }
        }
    }

    /**
     * Hands the waiting records to {@code replay} (once: they are taken), oldest first with each partition in offset
     * order, up to {@code limit} of them. A record {@code replay} says could not be applied holds up the rest of its partition
     * (their events may depend on it), and no other: the others go on.
     *
     * @param replay applies one record; false when it failed
     * @return the partitions held up by a failure
     */
    java.util.SortedSet<Integer> replayOldestFirst(java.util.function.Predicate<ParkedRecord> replay) {
        PartitionMerge<ParkedRecord> oldestFirst = new PartitionMerge<>(byPartition.values(), OLDEST_FIRST);
        java.util.SortedSet<Integer> held = new java.util.TreeSet<>();
        for (int replayed = 0; replayed < limit && oldestFirst.hasNext(); replayed++) {
            ParkedRecord next = oldestFirst.next();
            if (!replay.test(next)) {
                held.add(next.partition());
                oldestFirst.holdLastPartition();
            }
        }
        return held;
    }

    /** How many records wait for a replay, all of them. */
    long count() {
        return count;
    }

    /** How many records are not events (never replayable). */
    long notEvents() {
        return notEvents;
    }
}
