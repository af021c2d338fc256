package io.quizplatform.platform.messaging;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The parked records of a dead-letter topic that wait for a replay (events never replayed successfully), gathered
 * while the topic is read in offset order, and the first {@code limit} of them oldest first. Each partition's records
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
                    partition.addLast(record);
                }
            }
        }
    }

    /** The first {@code limit} waiting records, oldest first, each partition in offset order. */
    List<ParkedRecord> oldestFirst() {
        PriorityQueue<Deque<ParkedRecord>> heads = new PriorityQueue<>(Comparator.comparing(Deque::peekFirst, OLDEST_FIRST));
        byPartition.values().stream().filter(d -> !d.isEmpty()).map(ArrayDeque::new).forEach(heads::add);
        List<ParkedRecord> first = new ArrayList<>();
        while (first.size() < limit && !heads.isEmpty()) {
            Deque<ParkedRecord> partition = heads.poll();
            first.add(partition.pollFirst());
            if (!partition.isEmpty()) {
                heads.add(partition);
            }
        }
        return first;
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
