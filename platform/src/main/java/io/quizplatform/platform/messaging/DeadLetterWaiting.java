package io.quizplatform.platform.messaging;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parked records of a dead-letter topic that wait for a replay (events never replayed successfully), gathered
 * while the topic is read in offset order, and their replay, oldest first. Each partition's records
 * keep their offset order (the order their aggregates' events were parked in); partitions are merged by when their
 * next record was parked. Only the first {@code limit} of each partition are wanted (the oldest {@code limit} of the
 * topic are among them): the read of a partition stops there.
 */
final class DeadLetterWaiting {

    static final Comparator<ParkedRecord> OLDEST_FIRST = Comparator
            .comparing(ParkedRecord::parkedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparingInt(ParkedRecord::partition)
            .thenComparingLong(ParkedRecord::offset);

    private final int limit;
    private final Map<Integer, Deque<ParkedRecord>> byPartition = new HashMap<>();
    /** The offsets of each partition's waiting records, in order (the queues above are consumed by the replay). */
    private final Map<Integer, List<Long>> offsets = new HashMap<>();
    /** How many of each partition's waiting records were replayed successfully: always the first ones. */
    private final Map<Integer, Integer> succeeded = new HashMap<>();
    private long count;
    private long notEvents;

    DeadLetterWaiting(int limit) {
        this.limit = limit;
    }

    /** What the caller does after one replay. */
    enum Step {
        /** Replayed (applied or duplicate): on to the next record. */
        GO_ON,
        /** Failed again: the rest of its partition waits for a later call, the other partitions go on. */
        HOLD_PARTITION,
        /** Not replayed (no time left, the database out of reach): no more records in this call. */
        STOP
    }

    /**
     * A record read, in offset order within its partition, with its latest replay (or null).
     *
     * @return whether more records of its partition are wanted: false once {@code limit} of them wait
     */
    boolean offer(ParkedRecord record, DeadLetterReplay previous) {
        Deque<ParkedRecord> partition = byPartition.computeIfAbsent(record.partition(), p -> new ArrayDeque<>());
        switch (ReplayPolicy.decide(record.replayable(), previous, false)) {
            case NOT_AN_EVENT -> notEvents++;
            case ALREADY_REPLAYED -> { }
            case REPLAY -> {
                count++;
                partition.addLast(record.withoutValue()); // its event is what a replay needs
                offsets.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record.offset());
            }
        }
        return partition.size() < limit;
    }

    /**
     * Hands the waiting records to {@code replay} (once: they are taken), oldest first with each partition in offset
     * order, up to {@code limit} of them. A record {@code replay} says could not be applied holds up the rest of its partition
     * (their events may depend on it), and no other: the others go on. {@link Step#STOP} ends the replay there.
     *
     * @param replay applies one record and says what comes next
     * @return the partitions held up by a failure
     */
    java.util.SortedSet<Integer> replayOldestFirst(java.util.function.Function<ParkedRecord, Step> replay) {
        PartitionMerge<ParkedRecord> oldestFirst = new PartitionMerge<>(byPartition.values(), OLDEST_FIRST);
        java.util.SortedSet<Integer> held = new java.util.TreeSet<>();
        for (int replayed = 0; replayed < limit && oldestFirst.hasNext(); replayed++) {
            ParkedRecord next = oldestFirst.next();
            Step step = replay.apply(next);
            if (step == Step.STOP) {
                break;
            }
            if (step == Step.HOLD_PARTITION) {
                held.add(next.partition());
                oldestFirst.holdLastPartition();
            } else {
                succeeded.merge(next.partition(), 1, Integer::sum);
            }
        }
        return held;
    }

    /**
     * For each partition read, the offset below which every record is now dealt with (replayed successfully, now or
     * before, or no event): its first waiting record not replayed successfully, or where its read ended when none is
     * left. The next bulk replay starts reading there.
     *
     * @param readUpTo for each partition read, the offset after the last record read
     */
    Map<Integer, Long> handledBelow(Map<Integer, Long> readUpTo) {
        Map<Integer, Long> below = new HashMap<>();
        readUpTo.forEach((partition, upTo) -> {
            List<Long> waiting = offsets.getOrDefault(partition, List.of());
            int done = succeeded.getOrDefault(partition, 0);
            below.put(partition, done < waiting.size() ? waiting.get(done) : upTo);
        });
        return below;
    }

    /** How many of the records read wait for a replay (at most {@code limit} of each partition). */
    long count() {
        return count;
    }

    /** How many records are not events (never replayable). */
    long notEvents() {
        return notEvents;
    }
}
