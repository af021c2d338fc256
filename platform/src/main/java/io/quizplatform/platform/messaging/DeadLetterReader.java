package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.api.ProblemException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads dead-letter topics with a consumer of no group (assign and seek; nothing is committed), up to the end
 * offsets taken at the start of the read, so that records parked meanwhile do not keep it going. Kafka's own
 * failures ({@code KafkaException}) are left to the caller; a read that does not finish in time is a 503.
 */
final class DeadLetterReader {

    private static final long RETENTION_DAYS = Topic.DEAD_LETTER_RETENTION.toDays();

    private final Consumer<String, String> consumer;
    private final Duration readTimeout;
    private final Duration callTimeout;

    DeadLetterReader(Consumer<String, String> consumer, Duration readTimeout, Duration callTimeout) {
        this.consumer = consumer;
        this.readTimeout = readTimeout;
        this.callTimeout = callTimeout;
    }

    /** How many records the topics hold (a topic that does not exist holds none), and what was read of each partition. */
    record Listed(long total, List<DeadLetterListing.PartitionRead> reads) {
    }

    /**
     * Hands the last {@code limit} records of every partition of these topics to {@code sink}, below the cursor's
     * offset for each partition it names (none of a partition it does not name; all up to the end without a cursor):
     * the newest {@code limit} records of all of them are among those, see {@link DeadLetterListing}.
     */
    Listed newest(List<String> topics, int limit, DeadLetterCursor cursor,
                  java.util.function.Consumer<ConsumerRecord<String, String>> sink) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo info : partitionsOf(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        if (partitions.isEmpty()) {
            return new Listed(0, List.of());
        }
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, callTimeout);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, callTimeout);
        long total = 0;
        Map<TopicPartition, Long> from = new HashMap<>();
        Map<TopicPartition, Long> until = new HashMap<>();
        List<DeadLetterListing.PartitionRead> reads = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            long first = beginning.getOrDefault(partition, 0L);
            long last = end.getOrDefault(partition, 0L);
            total += Math.max(0, last - first);
            long upTo = cursor == null ? last
                    : Math.min(last, cursor.bound(partition.topic(), partition.partition()).orElse(first));
            long start = DeadLetterListing.firstOffsetToRead(first, upTo, limit);
            reads.add(new DeadLetterListing.PartitionRead(partition.topic(), partition.partition(), first, start, upTo));
            if (start < upTo) {
                from.put(partition, start);
                until.put(partition, upTo);
            }
        }
        read(from, until, everyRecord(sink), WHERE_IT_STOPPED_UNUSED);
        return new Listed(total, reads);
    }

    /**
     * What {@link #oldestFirst} read: how many records it left unread, and for each partition the offset after the
     * last record it handed over (the end of the range when it read it all).
     */
    record Read(long unread, Map<Integer, Long> readUpTo) {
    }

    /**
     * Hands the records of the topic to {@code sink}, partition by partition in offset order, up to the ends of now:
     * from each partition's offset in {@code from} (where the caller knows everything before is dealt with), or from
     * the oldest record kept when it names none, the offset is no longer kept, or lies past the partition's end (the
     * topic made anew). Once {@code sink} answers false for a record, the rest of that record's partition is left
     * unread (the caller has all it wants of it).
     */
    Read oldestFirst(String topic, Map<Integer, Long> from,
                     java.util.function.Predicate<ConsumerRecord<String, String>> sink) {
        List<TopicPartition> partitions = partitionsOf(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        if (partitions.isEmpty()) {
            return new Read(0, Map.of());
        }
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, callTimeout);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, callTimeout);
        Map<TopicPartition, Long> start = new HashMap<>();
        Map<Integer, Long> readUpTo = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long first = beginning.getOrDefault(partition, 0L);
            long last = end.getOrDefault(partition, 0L);
            Long known = from.get(partition.partition());
            long at = known == null || known > last ? first : Math.max(first, known);
            readUpTo.put(partition.partition(), last);
            if (at < last) {
                start.put(partition, at);
            }
        }
        long unread = read(start, end, sink, (partition, after) -> readUpTo.put(partition.partition(), after));
        return new Read(unread, readUpTo);
    }

    /** The record at that address; 404 when the topic, the partition or the offset is not there (any more). */
    ConsumerRecord<String, String> readOne(String topic, int partition, long offset) {
        List<PartitionInfo> partitions = partitionsOf(topic);
        if (partitions.isEmpty()) {
            throw new ProblemException(404, "No such parked record",
                    "The dead-letter topic " + topic + " does not exist yet: nothing was ever parked there.");
        }
        if (partitions.stream().noneMatch(p -> p.partition() == partition)) {
            throw new ProblemException(404, "No such parked record",
                    topic + " has no partition " + partition + "; its partitions are 0 to " + (partitions.size() - 1) + ".");
        }
        TopicPartition tp = new TopicPartition(topic, partition);
        long beginning = consumer.beginningOffsets(List.of(tp), callTimeout).getOrDefault(tp, 0L);
        long end = consumer.endOffsets(List.of(tp), callTimeout).getOrDefault(tp, 0L);
        if (offset < beginning || offset >= end) {
            throw noSuchOffset(topic, partition, offset, beginning, end);
        }
        AtomicReference<ConsumerRecord<String, String>> found = new AtomicReference<>();
        read(Map.of(tp, offset), Map.of(tp, offset + 1), everyRecord(record -> {
            if (record.offset() == offset) {
                found.set(record);
            }
        }), WHERE_IT_STOPPED_UNUSED);
        if (found.get() == null) {
            // A gap in the offsets (a transaction marker), or removed by retention since the look-up.
            throw noSuchOffset(topic, partition, offset, beginning, end);
        }
        return found.get();
    }

    private List<PartitionInfo> partitionsOf(String topic) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, callTimeout);
        return partitions == null ? List.of() : partitions;
    }

    /** For reads whose sink takes every record: they never stop a partition early. */
    private static final java.util.function.ObjLongConsumer<TopicPartition> WHERE_IT_STOPPED_UNUSED = (partition, after) -> { };

    private static java.util.function.Predicate<ConsumerRecord<String, String>> everyRecord(
            java.util.function.Consumer<ConsumerRecord<String, String>> sink) {
        return record -> {
            sink.accept(record);
            return true;
        };
    }

    /**
     * Reads each partition from its offset in {@code from} up to (excluding) its offset in {@code until}, handing
     * every record in that range to {@code sink}, or up to the first record {@code sink} answers false for, after
     * which {@code stopped} is told the partition and the offset after that record.
     *
     * @return how many offsets of the ranges were left unread because {@code sink} answered false
     */
    private long read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> until,
                      java.util.function.Predicate<ConsumerRecord<String, String>> sink,
                      java.util.function.ObjLongConsumer<TopicPartition> stopped) {
        if (from.isEmpty()) {
            return 0;
        }
        consumer.assign(from.keySet());
        from.forEach(consumer::seek);
        Set<TopicPartition> pending = new HashSet<>(from.keySet());
        long unread = 0;
        long deadline = System.nanoTime() + readTimeout.toNanos();
        while (!pending.isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new ProblemException(503, "Service Unavailable", "Could not read the dead-letter topics within "
                        + readTimeout.toMillis() + " ms; try again.");
            }
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
            List<TopicPartition> done = new ArrayList<>();
            for (ConsumerRecord<String, String> record : records) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                Long stop = until.get(tp);
                if (stop != null && record.offset() < stop && pending.contains(tp) && !sink.test(record)) {
                    unread += stop - record.offset() - 1;
                    stopped.accept(tp, record.offset() + 1);
                    pending.remove(tp);
                    done.add(tp);
                }
            }
            for (TopicPartition tp : pending) {
                if (consumer.position(tp, callTimeout) >= until.get(tp)) {
                    done.add(tp);
                }
            }
            if (!done.isEmpty()) {
                pending.removeAll(done);
                consumer.pause(done);
            }
        }
        return unread;
    }

    static ProblemException noSuchOffset(String topic, int partition, long offset, long beginning, long end) {
        String holds;
        if (beginning < end) {
            holds = "; it holds offsets " + beginning + " to " + (end - 1) + " (records are removed after " + RETENTION_DAYS + " days).";
        } else if (end > 0) {
            holds = "; that partition is empty (its records up to offset " + (end - 1) + " were removed after " + RETENTION_DAYS + " days).";
        } else {
            holds = "; that partition is empty.";
        }
        return new ProblemException(404, "No such parked record",
                "There is no record at offset " + offset + " of " + topic + " partition " + partition + holds);
    }
}
