package io.quizplatform.platform.messaging;

import io.quizplatform.platform.api.ProblemException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The read logic against Kafka's MockConsumer (assign, seek, poll, positions); the real broker is the ITs' job. */
class DeadLetterReaderTest {

    static final String QUIZ_DLQ = "quiz-events.answer-app.dlq";
    static final String USER_DLQ = "user-events.answer-app.dlq";

    MockConsumer<String, String> consumer;
    final Map<TopicPartition, Long> beginning = new HashMap<>();
    final Map<TopicPartition, Long> end = new HashMap<>();
    final List<ConsumerRecord<String, String>> log = new ArrayList<>();

    @BeforeEach
    void setUp() {
        consumer = new MockConsumer<>("earliest");
    }

    void topic(String name, int partitions) {
        List<PartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new PartitionInfo(name, p, Node.noNode(), new Node[0], new Node[0]));
            beginning.put(new TopicPartition(name, p), 0L);
            end.put(new TopicPartition(name, p), 0L);
        }
        consumer.updatePartitions(name, infos);
    }

    /** Records at offsets [from, to) of a partition; the partition then ends at {@code to}. */
    void records(String topic, int partition, long from, long to) {
        TopicPartition tp = new TopicPartition(topic, partition);
        beginning.put(tp, from);
        end.put(tp, to);
        for (long o = from; o < to; o++) {
            log.add(new ConsumerRecord<>(topic, partition, o, "k" + o, "v" + o));
        }
    }

    DeadLetterReader reader(Duration readTimeout) {
        consumer.updateBeginningOffsets(beginning);
        consumer.updateEndOffsets(end);
        // MockConsumer hands out only records of assigned partitions: add them once the reader assigned them.
        consumer.schedulePollTask(() -> log.forEach(r -> {
            if (consumer.assignment().contains(new TopicPartition(r.topic(), r.partition()))) {
                consumer.addRecord(r);
            }
        }));
        return new DeadLetterReader(consumer, readTimeout, Duration.ofSeconds(1));
    }

    DeadLetterReader reader() {
        return reader(Duration.ofSeconds(5));
    }

    @Test
    void readsTheLastLimitRecordsOfEveryPartitionAndCountsAll() {
        topic(QUIZ_DLQ, 2);
        topic(USER_DLQ, 1);
        records(QUIZ_DLQ, 0, 0, 5);
        records(QUIZ_DLQ, 1, 100, 102);   // older records removed by retention
        // user-events' dead-letter topic is empty

        List<String> seen = new ArrayList<>();
        DeadLetterReader.Listed listed = reader().newest(List.of(QUIZ_DLQ, USER_DLQ), 3, null,
                r -> seen.add(r.topic() + "/" + r.partition() + "@" + r.offset()));

        assertThat(listed.total()).isEqualTo(7);
        assertThat(seen).containsExactlyInAnyOrder(QUIZ_DLQ + "/0@2", QUIZ_DLQ + "/0@3", QUIZ_DLQ + "/0@4",
                QUIZ_DLQ + "/1@100", QUIZ_DLQ + "/1@101");
        assertThat(listed.reads()).containsExactlyInAnyOrder(new DeadLetterListing.PartitionRead(QUIZ_DLQ, 0, 0, 2, 5),
                new DeadLetterListing.PartitionRead(QUIZ_DLQ, 1, 100, 100, 102), new DeadLetterListing.PartitionRead(USER_DLQ, 0, 0, 0, 0));
    }

    @Test
    void aCursorReadsBelowItsOffsetsAndNothingOfAPartitionItDoesNotName() {
        topic(QUIZ_DLQ, 2);
        topic(USER_DLQ, 1);
        records(QUIZ_DLQ, 0, 0, 5);
        records(QUIZ_DLQ, 1, 100, 102);
        records(USER_DLQ, 0, 0, 4); // parked after the first page: its cursor does not name the partition
        DeadLetterCursor cursor = DeadLetterCursor.of(Map.of(QUIZ_DLQ + ":0", 3L, QUIZ_DLQ + ":1", 101L));

        List<String> seen = new ArrayList<>();
        DeadLetterReader.Listed listed = reader().newest(List.of(QUIZ_DLQ, USER_DLQ), 2, cursor,
                r -> seen.add(r.topic() + "/" + r.partition() + "@" + r.offset()));

        assertThat(seen).containsExactlyInAnyOrder(QUIZ_DLQ + "/0@1", QUIZ_DLQ + "/0@2", QUIZ_DLQ + "/1@100");
        assertThat(listed.total()).as("what the topics hold, whatever the page").isEqualTo(11);
        assertThat(listed.reads()).contains(new DeadLetterListing.PartitionRead(USER_DLQ, 0, 0, 0, 0),
                new DeadLetterListing.PartitionRead(QUIZ_DLQ, 0, 0, 1, 3));
    }

    @Test
    void aTopicIsReadInOffsetOrderWithinEachPartitionFromTheOldestKept() {
        topic(QUIZ_DLQ, 2);
        topic(USER_DLQ, 1);
        records(QUIZ_DLQ, 0, 0, 3);
        records(QUIZ_DLQ, 1, 100, 102);
        records(USER_DLQ, 0, 0, 2); // another topic: not read

        Map<Integer, List<Long>> seen = new HashMap<>();
        DeadLetterReader.Read read = reader().oldestFirst(QUIZ_DLQ, Map.of(),
                r -> seen.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r.offset()));

        assertThat(seen).containsOnlyKeys(0, 1);
        assertThat(seen.get(0)).containsExactly(0L, 1L, 2L);
        assertThat(seen.get(1)).containsExactly(100L, 101L);
        assertThat(read.unread()).isZero();
        assertThat(read.readUpTo()).containsExactlyInAnyOrderEntriesOf(Map.of(0, 3L, 1, 102L));
    }

    @Test
    void aPartitionIsReadFromWhereEverythingBeforeIsDealtWithUnlessThatIsGoneOrPastItsEnd() {
        topic(QUIZ_DLQ, 4);
        records(QUIZ_DLQ, 0, 0, 10);
        records(QUIZ_DLQ, 1, 5, 10);   // offsets 0 to 4 removed by retention
        records(QUIZ_DLQ, 2, 0, 3);    // the topic made anew: offsets start again
        records(QUIZ_DLQ, 3, 0, 4);

        Map<Integer, List<Long>> seen = new HashMap<>();
        DeadLetterReader.Read read = reader().oldestFirst(QUIZ_DLQ, Map.of(0, 7L, 1, 2L, 2, 50L, 3, 4L),
                r -> seen.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r.offset()));

        assertThat(seen.get(0)).containsExactly(7L, 8L, 9L);
        assertThat(seen.get(1)).as("from the oldest kept").containsExactly(5L, 6L, 7L, 8L, 9L);
        assertThat(seen.get(2)).as("from the start").containsExactly(0L, 1L, 2L);
        assertThat(seen).as("partition 3 is dealt with to its end").doesNotContainKey(3);
        assertThat(read.readUpTo()).containsExactlyInAnyOrderEntriesOf(Map.of(0, 10L, 1, 10L, 2, 3L, 3, 4L));
    }

    @Test
    void aPartitionIsReadOnlyUntilTheReaderHasWhatItWantsOfIt() {
        topic(QUIZ_DLQ, 2);
        records(QUIZ_DLQ, 0, 0, 1000);
        records(QUIZ_DLQ, 1, 0, 3);

        Map<Integer, List<Long>> seen = new HashMap<>();
        DeadLetterReader.Read read = reader().oldestFirst(QUIZ_DLQ, Map.of(), r -> {
            List<Long> offsets = seen.computeIfAbsent(r.partition(), p -> new ArrayList<>());
            offsets.add(r.offset());
            return offsets.size() < 5;
        });

        assertThat(seen.get(0)).as("up to the record that filled it").containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(seen.get(1)).containsExactly(0L, 1L, 2L);
        assertThat(read.unread()).as("offsets 5 to 999 of partition 0").isEqualTo(995);
        assertThat(read.readUpTo()).containsExactlyInAnyOrderEntriesOf(Map.of(0, 5L, 1, 3L));
    }

    @Test
    void recordsParkedAfterTheStartOfTheReadAreLeftOut() {
        topic(QUIZ_DLQ, 1);
        records(QUIZ_DLQ, 0, 0, 2);
        DeadLetterReader reader = reader();
        // parked while reading: beyond the end offset taken at the start
        log.add(new ConsumerRecord<>(QUIZ_DLQ, 0, 2, "late", "late"));

        List<Long> seen = new ArrayList<>();
        assertThat(reader.newest(List.of(QUIZ_DLQ), 500, null, r -> seen.add(r.offset())).total()).isEqualTo(2);
        assertThat(seen).containsExactly(0L, 1L);
    }

    @Test
    void aTopicThatDoesNotExistHoldsNothing() {
        List<Long> seen = new ArrayList<>();
        assertThat(reader().newest(List.of(QUIZ_DLQ), 500, null, r -> seen.add(r.offset())).total()).isZero();
        assertThat(seen).isEmpty();
    }

    @Test
    void readsOneRecordByItsAddress() {
        topic(QUIZ_DLQ, 3);
        records(QUIZ_DLQ, 2, 10, 20);

        ConsumerRecord<String, String> record = reader().readOne(QUIZ_DLQ, 2, 17);

        assertThat(record.offset()).isEqualTo(17);
        assertThat(record.value()).isEqualTo("v17");
    }

    @Test
    void anAddressWithNothingThereIsA404SayingWhatThereIs() {
        topic(QUIZ_DLQ, 3);
        records(QUIZ_DLQ, 2, 10, 20);
        DeadLetterReader reader = reader();

        ProblemException removed = catchThrowableOfType(ProblemException.class, () -> reader.readOne(QUIZ_DLQ, 2, 9));
        assertThat(removed.toProblem().status()).isEqualTo(404);
        assertThat(removed.getMessage()).isEqualTo("There is no record at offset 9 of " + QUIZ_DLQ
                + " partition 2; it holds offsets 10 to 19 (records are removed after 30 days).");

        ProblemException notYet = catchThrowableOfType(ProblemException.class, () -> reader.readOne(QUIZ_DLQ, 2, 20));
        assertThat(notYet.toProblem().status()).isEqualTo(404);

        ProblemException empty = catchThrowableOfType(ProblemException.class, () -> reader.readOne(QUIZ_DLQ, 0, 0));
        assertThat(empty.getMessage()).endsWith("partition 0; that partition is empty.");

        ProblemException noPartition = catchThrowableOfType(ProblemException.class, () -> reader.readOne(QUIZ_DLQ, 3, 0));
        assertThat(noPartition.toProblem().status()).isEqualTo(404);
        assertThat(noPartition.getMessage()).isEqualTo(QUIZ_DLQ + " has no partition 3; its partitions are 0 to 2.");

        ProblemException noTopic = catchThrowableOfType(ProblemException.class, () -> reader.readOne(USER_DLQ, 0, 0));
        assertThat(noTopic.toProblem().status()).isEqualTo(404);
        assertThat(noTopic.getMessage()).contains("does not exist yet");
    }

    @Test
    void anOffsetInRangeButMissingIsA404() {
        topic(QUIZ_DLQ, 1);
        TopicPartition tp = new TopicPartition(QUIZ_DLQ, 0);
        beginning.put(tp, 0L);
        end.put(tp, 3L);
        log.add(new ConsumerRecord<>(QUIZ_DLQ, 0, 0, "k", "v"));
        log.add(new ConsumerRecord<>(QUIZ_DLQ, 0, 2, "k", "v"));   // offset 1 is a gap

        ProblemException e = catchThrowableOfType(ProblemException.class, () -> reader().readOne(QUIZ_DLQ, 0, 1));

        assertThat(e.toProblem().status()).isEqualTo(404);
    }

    @Test
    void aReadThatDoesNotFinishInTimeIsA503() {
        topic(QUIZ_DLQ, 1);
        TopicPartition tp = new TopicPartition(QUIZ_DLQ, 0);
        end.put(tp, 5L);   // the broker says 5 records, none arrive
        DeadLetterReader reader = reader(Duration.ofMillis(300));

        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> reader.newest(List.of(QUIZ_DLQ), 500, null, r -> { }));

        assertThat(e.toProblem().status()).isEqualTo(503);
    }
}
