package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.contracts.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failing record holds up its own partition only: the consumer loop against Kafka's MockConsumer and
 * MockProducer, with a delivery that fails for chosen events. (The real broker is the integration tests' job.)
 */
class EventConsumerLoopTest {

    static final String TOPIC = Topic.QUIZ_EVENTS.topicName();
    static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    final MockProducer<String, String> deadLetters = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
    final List<String> applied = new CopyOnWriteArrayList<>();
    /** aggregate ids whose events fail, and how */
    RuntimeException failure = new IllegalStateException("handler refused it");
    EventConsumerLoop loop;

    final EventDelivery delivery = new EventDelivery() {
        @Override
        public boolean deliver(String consumer, String topic, EventEnvelope event, List<EventHandler> handlers) {
            if (event.aggregateId().startsWith("poison")) {
                throw failure;
            }
            applied.add(event.aggregateId());
            return true;
        }

        @Override
        public int deliverTogether(String consumer, String topic, List<EventEnvelope> events, List<EventHandler> handlers) {
            if (events.stream().anyMatch(e -> e.aggregateId().startsWith("poison"))) {
                throw failure;
            }
            events.forEach(e -> applied.add(e.aggregateId()));
            return events.size();
        }
    };

    @BeforeEach
    void setUp() {
        consumer.assign(List.of(P0, P1));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        loop = new EventConsumerLoop(Topic.QUIZ_EVENTS, "answer-app", List.of(), new EventConsumerLoop.Clients() {
            @Override
            public Consumer<String, String> consumer() {
                return consumer;
            }

            @Override
            public Producer<String, String> deadLetterProducer() {
                return deadLetters;
            }
        }, delivery, metrics(), new io.quizplatform.platform.messaging.RetryRounds(2, 300));
    }

    @Test
    void aFailingRecordHoldsOnlyItsPartitionThenIsParked() throws Exception {
        record(P0, 0, "poison-game");
        record(P1, 0, "game-a");
        record(P1, 1, "game-b");

        loop.step(consumer, deadLetters);

        assertThat(applied).containsExactly("game-a", "game-b");
        assertThat(consumer.paused()).containsExactly(P0);
        assertThat(loop.held().get(P0).rounds()).isEqualTo(1);
        assertThat(committed(P1)).isEqualTo(2);

        // While partition 0 waits, partition 1 goes on at once.
        record(P1, 2, "game-c");
        loop.step(consumer, deadLetters);
        assertThat(applied).containsExactly("game-a", "game-b", "game-c");
        assertThat(committed(P1)).isEqualTo(3);
        assertThat(consumer.paused()).containsExactly(P0);

        // Its rounds (2 here), then the dead-letter topic; the partition goes on after it.
        Thread.sleep(320);
        record(P0, 0, "poison-game"); // MockConsumer drops what a poll did not return: the broker would fetch it again
        loop.step(consumer, deadLetters);
        assertThat(loop.held().get(P0).rounds()).isEqualTo(2);
        assertThat(deadLetters.history()).isEmpty();
        Thread.sleep(620);
        record(P0, 0, "poison-game");
        record(P0, 1, "game-d");
        loop.step(consumer, deadLetters);

        assertThat(deadLetters.history()).hasSize(1);
        assertThat(deadLetters.history().get(0).topic()).isEqualTo(Topic.QUIZ_EVENTS.deadLetterTopicFor("answer-app"));
        assertThat(applied).containsExactly("game-a", "game-b", "game-c", "game-d");
        assertThat(loop.held()).isEmpty();
        assertThat(consumer.paused()).isEmpty();
        assertThat(committed(P0)).isEqualTo(2);
    }

    @Test
    void aDependencyAwayUsesUpNoRoundAndParksNothing() throws Exception {
        failure = new IllegalStateException("wrapped", new SQLTransientConnectionException("no connection"));
        record(P0, 0, "poison-while-db-away");
        record(P1, 0, "game-a");

        for (int i = 0; i < 4; i++) {
            loop.step(consumer, deadLetters);
            assertThat(loop.held().get(P0).rounds()).isZero();
            record(P0, 0, "poison-while-db-away");
        }

        assertThat(deadLetters.history()).isEmpty();
        assertThat(applied).containsExactly("game-a");
        assertThat(consumer.paused()).containsExactly(P0);
    }

    @Test
    void recordsThatFollowWithinTheGatheringWaitAreOneBatchInOrder() {
        record(P0, 0, "game-a");
        var first = consumer.poll(java.time.Duration.ZERO);
        consumer.schedulePollTask(() -> {
            record(P0, 1, "game-b");
            record(P1, 0, "game-c");
        });

        var batch = EventConsumerLoop.gather(consumer, first, java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(50), 500);

        assertThat(batch.count()).isEqualTo(3);
        assertThat(batch.records(P0)).extracting(ConsumerRecord::key).containsExactly("game-a", "game-b");
        assertThat(batch.records(P1)).extracting(ConsumerRecord::key).containsExactly("game-c");
    }

    @Test
    void aFullBatchIsAppliedWithoutWaiting() {
        record(P0, 0, "game-a");
        record(P0, 1, "game-b");
        var first = consumer.poll(java.time.Duration.ZERO);
        record(P0, 2, "game-c");
        long start = System.nanoTime();

        var batch = EventConsumerLoop.gather(consumer, first, java.util.concurrent.TimeUnit.SECONDS.toNanos(10), 2);

        assertThat(batch.count()).isEqualTo(2);
        assertThat(System.nanoTime() - start).isLessThan(java.util.concurrent.TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void recordsOfAPartitionTakenAwayWhileGatheringAreLeftToItsNewOwner() {
        record(P0, 0, "game-a");
        record(P1, 0, "game-b");
        var first = consumer.poll(java.time.Duration.ZERO);
        consumer.schedulePollTask(() -> consumer.assign(List.of(P1)));

        var batch = EventConsumerLoop.gather(consumer, first, java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(20), 500);

        assertThat(batch.partitions()).containsExactly(P1);
    }

    private void record(TopicPartition partition, long offset, String aggregateId) {
        EventEnvelope event = EventEnvelope.newEvent(EventTypes.GAME_ANSWER_RECEIVED, "answer", aggregateId, 1, Instant.now(), "{}");
        consumer.addRecord(new ConsumerRecord<>(partition.topic(), partition.partition(), offset, aggregateId, EventCodec.encode(event)));
    }

    private long committed(TopicPartition partition) {
        var offsets = consumer.committed(Set.of(partition));
        return offsets.get(partition) == null ? -1 : offsets.get(partition).offset();
    }

    /** Counters that count; nothing else of the registry is used by the loop. */
    private static MetricRegistry metrics() {
        return (MetricRegistry) Proxy.newProxyInstance(MetricRegistry.class.getClassLoader(), new Class<?>[]{MetricRegistry.class},
                (proxy, method, args) -> {
                    if (!"counter".equals(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    long[] count = new long[1];
                    return Proxy.newProxyInstance(Counter.class.getClassLoader(), new Class<?>[]{Counter.class}, (p, m, a) -> switch (m.getName()) {
                        case "inc" -> {
                            count[0] += a == null ? 1 : (Long) a[0];
                            yield null;
                        }
                        case "getCount" -> count[0];
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
                });
    }
}
