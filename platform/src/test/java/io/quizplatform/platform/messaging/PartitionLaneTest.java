package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.contracts.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failing record holds up its own partition's lane only, and every record is acknowledged (so the connector can
 * commit past it) only once it was applied or parked: two lanes on a real scheduler, with a delivery that fails for
 * chosen events and Kafka's MockProducer as the dead-letter topic. (The real broker and connector are the
 * integration tests' job.)
 */
class PartitionLaneTest {

    static final String TOPIC = Topic.QUIZ_EVENTS.topicName();

    final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    final MockProducer<String, String> deadLetters = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
    final List<String> applied = new CopyOnWriteArrayList<>();
    final List<String> acknowledged = new CopyOnWriteArrayList<>();
    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    final AtomicInteger deadLettered = new AtomicInteger();
    final AtomicInteger ignored = new AtomicInteger();
    /** Records that reached the lane to be applied, for the received timer. */
    final AtomicInteger received = new AtomicInteger();
    /** Records the lane was done with, for the latency timer. */
    final AtomicInteger done = new AtomicInteger();
    /** Records the dead-letter topic did not take (the provisioner is asked to create the topics again). */
    final AtomicInteger parkFailures = new AtomicInteger();
    volatile RuntimeException failure = new IllegalStateException("handler refused it");
    /** When set, what a handler throws for a poison event instead of {@link #failure}. */
    volatile Error error;

    final EventDelivery delivery = new EventDelivery() {
        @Override
        public boolean deliver(String consumer, String topic, EventEnvelope event, org.apache.kafka.common.header.Headers trace,
                               List<EventHandler> handlers) {
            if (event.aggregateId().startsWith("poison")) {
                if (error != null) {
                    throw error;
                }
                throw failure;
            }
            applied.add(event.aggregateId());
            return true;
        }

        @Override
        public int deliverTogether(String consumer, String topic, List<EventEnvelope> events,
                                   List<org.apache.kafka.common.header.Headers> traces, List<EventHandler> handlers) {
            if (events.stream().anyMatch(e -> e.aggregateId().startsWith("poison"))) {
                if (error != null) {
                    throw error;
                }
                throw failure;
            }
            batchSizes.add(events.size());
            events.forEach(e -> applied.add(e.aggregateId()));
            return events.size();
        }
    };

    final PartitionLane.Context context = new PartitionLane.Context("answer-app", Topic.QUIZ_EVENTS, List.of(), delivery,
            new RetryRounds(2, 300), () -> deadLetters, executor, Runnable::run, new PartitionLane.ConsumerCounters() {
        @Override
        public void applied(long n) {
        }

        @Override
        public void duplicates(long n) {
        }

        @Override
        public void deadLettered() {
            deadLettered.incrementAndGet();
        }

        @Override
        public void ignored() {
            ignored.incrementAndGet();
        }

        @Override
        public void received(long sentAtMillis) {
            received.incrementAndGet();
        }

        @Override
        public void done(long sentAtMillis) {
            done.incrementAndGet();
        }
    }, false, parkFailures::incrementAndGet);

    final PartitionLane p0 = new PartitionLane(context, 0);
    final PartitionLane p1 = new PartitionLane(context, 1);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aFailingRecordHoldsOnlyItsPartitionThenIsParked() {
        p0.open();
        p1.open();
        add(p0, 0, 0, "poison-game");
        add(p0, 0, 1, "game-d");
        add(p1, 1, 0, "game-a");
        add(p1, 1, 1, "game-b");

        eventually(() -> applied.containsAll(List.of("game-a", "game-b")) && p0.retrying());
        assertThat(acknowledged).containsExactly("1@0", "1@1");

        // While partition 0 waits, partition 1 goes on at once.
        add(p1, 1, 2, "game-c");
        eventually(() -> applied.contains("game-c"));
        assertThat(acknowledged).doesNotContain("0@0", "0@1");

        // Its rounds (2 here: 300 ms, then 600 ms), then the dead-letter topic; the partition goes on after it, in order.
        eventually(() -> acknowledged.contains("0@1"));
        assertThat(deadLetters.history()).hasSize(1);
        assertThat(deadLetters.history().get(0).topic()).isEqualTo(Topic.QUIZ_EVENTS.deadLetterTopicFor("answer-app"));
        assertThat(new String(deadLetters.history().get(0).headers().lastHeader("dlq-source-offset").value())).isEqualTo("0");
        assertThat(deadLettered).hasValue(1);
        assertThat(applied).containsExactly("game-a", "game-b", "game-c", "game-d");
        assertThat(acknowledged).containsSubsequence("0@0", "0@1");
        assertThat(p0.retrying()).isFalse();
        // The latency timer counts every record the lanes were done with, the parked one too.
        assertThat(done).hasValue(5);
    }

    @Test
    void aRecordTheDeadLetterTopicDoesNotTakeAsksForTheTopicsAndIsParkedOnceItCan() {
        MockProducer<String, String> refusing = new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());
        PartitionLane lane = new PartitionLane(new PartitionLane.Context("answer-app", Topic.QUIZ_EVENTS, List.of(), delivery,
                new RetryRounds(0, 1), () -> refusing, executor, Runnable::run, context.counters(), false,
                parkFailures::incrementAndGet), 0);
        lane.open();
        add(lane, 0, 0, "poison-game");
        add(lane, 0, 1, "game-a");

        // The topic was deleted by an operator: the broker does not know it.
        eventually(() -> refusing.history().size() == 1);
        refusing.errorNext(new org.apache.kafka.common.errors.UnknownTopicOrPartitionException("deleted"));
        eventually(() -> parkFailures.get() == 1);
        assertThat(acknowledged).as("held while it cannot be parked").isEmpty();

        // Created again: the next try parks it, and the partition goes on.
        eventually(() -> refusing.history().size() == 2);
        refusing.completeNext();
        eventually(() -> acknowledged.containsAll(List.of("0@0", "0@1")));
        assertThat(applied).containsExactly("game-a");
        assertThat(parkFailures).hasValue(1);
    }

    @Test
    void aDependencyAwayUsesUpNoRoundAndParksNothing() throws Exception {
        failure = new IllegalStateException("wrapped", new SQLTransientConnectionException("no connection"));
        p0.open();
        add(p0, 0, 0, "poison-while-db-away");

        Thread.sleep(2500); // rounds of 300 and 600 ms would have parked it by now; an outage waits 1 s at a time

        assertThat(deadLetters.history()).isEmpty();
        assertThat(acknowledged).isEmpty();
        assertThat(p0.retrying()).isTrue();

        failure = new IllegalStateException("still refused");
        eventually(() -> acknowledged.contains("0@0"));
        assertThat(deadLetters.history()).hasSize(1);
    }

    @Test
    void aHandlersErrorIsRetriedAndParkedLikeAnExceptionAndThePartitionGoesOn() {
        error = new StackOverflowError();
        p0.open();
        add(p0, 0, 0, "poison-too-deep");
        add(p0, 0, 1, "game-a");

        eventually(() -> acknowledged.contains("0@1"));
        assertThat(deadLetters.history()).hasSize(1);
        assertThat(applied).containsExactly("game-a");
        assertThat(acknowledged).containsExactly("0@0", "0@1");
    }

    @Test
    void aRecordWhoseAcknowledgementFailsIsTakenAgainAndTheLaneGoesOn() {
        AtomicInteger acks = new AtomicInteger();
        p0.open();
        add(p0, 0, 0, "game-a");
        // The connector's acknowledgement throws once: the lane must neither stop nor drop what it had in hand.
        EventEnvelope event = EventEnvelope.newEvent(EventTypes.GAME_ANSWER_RECEIVED, "answer", "game-b", 1, Instant.now(), "{}");
        p0.add(new DeliveredRecord(new ConsumerRecord<>(TOPIC, 0, 1, "game-b", EventCodec.encode(event)), () -> {
            if (acks.incrementAndGet() == 1) {
                throw new IllegalStateException("connector refused the acknowledgement");
            }
            acknowledged.add("0@1");
        }));
        add(p0, 0, 2, "game-c");

        eventually(() -> acknowledged.containsAll(List.of("0@0", "0@1", "0@2")));
        assertThat(acks).hasValue(2);
        assertThat(applied).contains("game-a", "game-b", "game-c");
    }

    @Test
    void recordsThatFollowWithinTheGatheringWaitAreOneBatchInOrder() {
        p0.open();
        for (int i = 0; i < 5; i++) {
            add(p0, 0, i, "game-" + i);
        }

        eventually(() -> acknowledged.size() == 5);
        assertThat(batchSizes).containsExactly(5);
        assertThat(applied).containsExactly("game-0", "game-1", "game-2", "game-3", "game-4");
        assertThat(acknowledged).containsExactly("0@0", "0@1", "0@2", "0@3", "0@4");
        assertThat(done).hasValue(5);
    }

    @Test
    void aLaneThatIsBehindAppliesBatchAfterBatchWithoutQueueingAgain() {
        AtomicInteger handedToExecutor = new AtomicInteger();
        ScheduledExecutorService counting = new java.util.concurrent.ScheduledThreadPoolExecutor(1) {
            @Override
            public java.util.concurrent.ScheduledFuture<?> schedule(Runnable command, long delay, java.util.concurrent.TimeUnit unit) {
                handedToExecutor.incrementAndGet();
                return super.schedule(command, delay, unit);
            }
        };
        try {
            PartitionLane.Context behind = new PartitionLane.Context("answer-app", Topic.QUIZ_EVENTS, List.of(), delivery,
                    context.rounds(), () -> deadLetters, counting, Runnable::run, context.counters(), false, context.parkFailed());
            PartitionLane lane = new PartitionLane(behind, 0);
            int records = PartitionLane.GATHER_MAX * 2 + 200;
            for (int i = 0; i < records; i++) {
                add(lane, 0, i, "game-" + i);
            }

            lane.open();

            eventually(() -> acknowledged.size() == records);
            assertThat(batchSizes).containsExactly(PartitionLane.GATHER_MAX, PartitionLane.GATHER_MAX, 200);
            assertThat(applied).first().isEqualTo("game-0");
            assertThat(applied).last().isEqualTo("game-" + (records - 1));
            assertThat(handedToExecutor).as("the three batches ran on one turn of the executor").hasValue(1);
        } finally {
            counting.shutdownNow();
        }
    }

    @Test
    void nothingIsAppliedBeforeTheLaneIsOpened() throws Exception {
        add(p0, 0, 0, "game-a");
        Thread.sleep(PartitionLane.GATHER_MILLIS * 4);
        assertThat(applied).isEmpty();
        assertThat(p0.waiting()).isEqualTo(1);

        p0.open();

        eventually(() -> acknowledged.contains("0@0"));
        assertThat(applied).containsExactly("game-a");
        assertThat(p0.waiting()).isZero();
    }

    @Test
    void aClosedLaneStopsApplyingAndAcknowledgesNothingMore() throws Exception {
        p0.open();
        p0.close();
        add(p0, 0, 0, "game-a");
        Thread.sleep(PartitionLane.GATHER_MILLIS * 4);

        assertThat(applied).isEmpty();
        assertThat(acknowledged).isEmpty();
    }

    @Test
    void aRecordOfATypeNoHandlerWantsIsAcknowledgedWithoutBeingApplied() {
        EventHandler opensOnly = new EventHandler() {
            @Override
            public Topic topic() {
                return Topic.QUIZ_EVENTS;
            }

            @Override
            public boolean handles(String eventType) {
                return EventTypes.GAME_QUESTION_OPENED.equals(eventType);
            }

            @Override
            public void apply(EventEnvelope event) {
            }
        };
        PartitionLane.Context scoring = new PartitionLane.Context("scoring-app", Topic.QUIZ_EVENTS, List.of(opensOnly), delivery,
                context.rounds(), () -> deadLetters, executor, Runnable::run, context.counters(), false, context.parkFailed());
        PartitionLane lane = new PartitionLane(scoring, 0);
        lane.open();

        addTyped(lane, 0, "game-a", EventTypes.GAME_QUESTION_OPENED);
        addTyped(lane, 1, "answer-of-game-a", EventTypes.GAME_ANSWER_RECEIVED);
        addTyped(lane, 2, "game-b", EventTypes.GAME_QUESTION_OPENED);

        eventually(() -> acknowledged.size() == 3);
        assertThat(applied).containsExactly("game-a", "game-b");
        assertThat(ignored).hasValue(1);
        assertThat(acknowledged).contains("0@1");
        assertThat(done).as("an ignored record is not timed").hasValue(2);
        assertThat(received).as("nor counted as received").hasValue(2);
    }

    private void addTyped(PartitionLane lane, long offset, String aggregateId, String type) {
        EventEnvelope event = EventEnvelope.newEvent(type, "game", aggregateId, 1, Instant.now(), "{}");
        var record = EventRecords.of(TOPIC, aggregateId, EventCodec.encode(event), event.id(), type);
        ConsumerRecord<String, String> consumed = new ConsumerRecord<>(TOPIC, 0, offset, aggregateId, record.value());
        record.headers().forEach(h -> consumed.headers().add(h));
        lane.add(new DeliveredRecord(consumed, () -> acknowledged.add("0@" + offset)));
    }

    private void add(PartitionLane lane, int partition, long offset, String aggregateId) {
        EventEnvelope event = EventEnvelope.newEvent(EventTypes.GAME_ANSWER_RECEIVED, "answer", aggregateId, 1, Instant.now(), "{}");
        ConsumerRecord<String, String> record = new ConsumerRecord<>(TOPIC, partition, offset, aggregateId, EventCodec.encode(event));
        lane.add(new DeliveredRecord(record, () -> acknowledged.add(partition + "@" + offset)));
    }

    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
