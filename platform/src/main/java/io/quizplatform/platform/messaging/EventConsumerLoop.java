package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.platform.Failures;
import io.quizplatform.contracts.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads one topic for one service (consumer group = service name). Each record is applied once (see
 * {@link ProcessedEvents}) with retries (Fault Tolerance's quick ones in each round, exponentially longer waits
 * between rounds: {@link RetryRounds}); a record that still fails, or is not a valid event at all, is parked in
 * the consumer's dead-letter topic with the error. The offset is committed only after the record was applied or
 * parked, so a crash re-reads it rather than losing it.
 *
 * <p>A failing record holds up its own partition only, and only while it is really retried: the partition is
 * rewound to it and paused until its next round is due, while the loop goes on polling and applying the other
 * partitions (other games' answers, closes and tallies). Nothing sleeps on the polling thread.
 */
final class EventConsumerLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(EventConsumerLoop.class.getName());

    /** How long a partition waits when a dependency (the database, Kafka for the dead-letter topic) is away. */
    static final long OUTAGE_WAIT_MILLIS = 1000;

    /** Creates the Kafka clients of one run of the loop (real ones in production, mock ones in unit tests). */
    interface Clients {
        Consumer<String, String> consumer();

        Producer<String, String> deadLetterProducer();
    }

    /** How long one poll waits for records when no partition is held (a blocked fetch, no CPU). */
    static final long IDLE_POLL_MILLIS = 5000;

    /**
     * Once records come, how long the loop goes on reading before it applies them: under a burst (10,000 answers in
     * a few seconds) a fuller batch is one transaction and one offset commit instead of many. Idle, nothing waits.
     */
    static final long GATHER_MILLIS = 25;

    /** A batch at least this big is applied at once. */
    static final int GATHER_MAX = 500;

    /** A partition held at a failing record: which record, its rounds so far, and when it is tried again. */
    record Held(long offset, int rounds, long dueNanos) {
    }

    private final Topic topic;
    private final String consumer;
    private final List<EventHandler> handlers;
    private final Clients clients;
    private final EventDelivery delivery;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter deadLettered;
    private final RetryRounds rounds;
    private final Map<TopicPartition, Held> held = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private volatile Consumer<String, String> kafka;

    EventConsumerLoop(Topic topic, String consumer, List<EventHandler> handlers, KafkaClients clients,
                      EventDelivery delivery, MetricRegistry metrics, RetryRounds rounds) {
        this(topic, consumer, handlers, new Clients() {
            @Override
            public Consumer<String, String> consumer() {
                return clients.newConsumer(consumer);
            }

            @Override
            public Producer<String, String> deadLetterProducer() {
                return clients.newProducer("dlq-" + topic.topicName());
            }
        }, delivery, metrics, rounds);
    }

    EventConsumerLoop(Topic topic, String consumer, List<EventHandler> handlers, Clients clients,
                      EventDelivery delivery, MetricRegistry metrics, RetryRounds rounds) {
        this.rounds = rounds;
        this.topic = topic;
        this.consumer = consumer;
        this.handlers = handlers;
        this.clients = clients;
        this.delivery = delivery;
        Tag service = new Tag("service", consumer);
        Tag topicTag = new Tag("topic", topic.topicName());
        this.applied = metrics.counter("events.consumed", service, topicTag, new Tag("outcome", "applied"));
        this.duplicates = metrics.counter("events.consumed", service, topicTag, new Tag("outcome", "duplicate"));
        this.deadLettered = metrics.counter("events.consumed", service, topicTag, new Tag("outcome", "dead-lettered"));
    }

    void stop() {
        running = false;
        Consumer<String, String> k = kafka;
        if (k != null) {
            k.wakeup();
        }
    }

    /** The partitions held at a failing record right now (for tests and diagnostics). */
    Map<TopicPartition, Held> held() {
        return Map.copyOf(held);
    }

    @Override
    public void run() {
        // A consumer that fails (a commit refused after a rebalance, an unexpected error) starts again: the group
        // hands it its partitions back from the last committed offsets, and processed-event marks absorb re-reads.
        while (running) {
            consume();
            if (running) {
                sleep(1000);
            }
        }
    }

    private void consume() {
        held.clear();
        try (Consumer<String, String> consumerClient = clients.consumer();
             Producer<String, String> deadLetters = clients.deadLetterProducer()) {
            kafka = consumerClient;
            consumerClient.subscribe(List.of(topic.topicName()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    partitions.forEach(held::remove);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                }
            });
            while (running) {
                step(consumerClient, deadLetters);
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.log(Level.SEVERE, consumer + ": consumer of " + topic.topicName() + " woken unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, consumer + ": consumer of " + topic.topicName() + " failed, starting it again", e);
        } finally {
            kafka = null;
        }
    }

    /** One poll: resume the partitions whose wait is over, then apply what came. */
    void step(Consumer<String, String> consumerClient, Producer<String, String> deadLetters) {
        long now = System.nanoTime();
        List<TopicPartition> due = new ArrayList<>();
        held.forEach((partition, h) -> {
            if (h.dueNanos() - now <= 0 && consumerClient.paused().contains(partition)) {
                due.add(partition);
            }
        });
        if (!due.isEmpty()) {
            consumerClient.resume(due);
        }
        // Idle, the poll blocks in fetches the broker holds until a record comes (KafkaClients), so a long wait costs
        // nothing; while a partition is held its round falls due within its backoff, so then it looks more often.
        ConsumerRecords<String, String> records = consumerClient.poll(Duration.ofMillis(held.isEmpty() ? IDLE_POLL_MILLIS : 100));
        if (records.isEmpty()) {
            return;
        }
        records = gather(consumerClient, records, TimeUnit.MILLISECONDS.toNanos(GATHER_MILLIS), GATHER_MAX);
        boolean retrying = records.partitions().stream().anyMatch(held::containsKey);
        if (!retrying && applyTogether(records)) {
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            for (TopicPartition partition : records.partitions()) {
                List<ConsumerRecord<String, String>> inPartition = records.records(partition);
                done.put(partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
            }
            // Asynchronous: if this commit is lost, the batch is read again and its processed-event marks make it
            // change nothing.
            consumerClient.commitAsync(done, null);
            return;
        }
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, String> record : records.records(partition)) {
                if (!running) {
                    return;
                }
                Held before = held.get(partition);
                int roundsSoFar = before != null && before.offset() == record.offset() ? before.rounds() : 0;
                Attempt attempt = handle(record, roundsSoFar, deadLetters);
                if (attempt.done()) {
                    held.remove(partition);
                    consumerClient.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
                    continue;
                }
                // Hold this partition at the record; the others go on. What was fetched after it is read again.
                held.put(partition, new Held(record.offset(), attempt.outage() ? roundsSoFar : roundsSoFar + 1,
                        System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(attempt.waitMillis())));
                consumerClient.seek(partition, record.offset());
                consumerClient.pause(List.of(partition));
                break;
            }
        }
    }

    /**
     * The records of {@code first} and of the polls that follow within {@code lingerNanos} (or until there are
     * {@code max}), in one batch, partition by partition in offset order. This is the batching the broker used to do
     * with {@code fetch.min.bytes} and a short {@code fetch.max.wait.ms}, which cost a fetch every few milliseconds
     * while nothing happened; here the wait starts only when there is something to apply. Records of a partition
     * taken away by a rebalance meanwhile are dropped: the new owner reads them.
     */
    static <K, V> ConsumerRecords<K, V> gather(Consumer<K, V> consumer, ConsumerRecords<K, V> first, long lingerNanos, int max) {
        if (first.count() >= max) {
            return first;
        }
        Map<TopicPartition, List<ConsumerRecord<K, V>>> merged = new LinkedHashMap<>();
        int count = add(merged, first);
        long deadline = System.nanoTime() + lingerNanos;
        for (long left = lingerNanos; count < max && left > 0; left = deadline - System.nanoTime()) {
            count += add(merged, consumer.poll(Duration.ofNanos(left)));
        }
        merged.keySet().retainAll(consumer.assignment());
        return new ConsumerRecords<>(merged, Map.of());
    }

    private static <K, V> int add(Map<TopicPartition, List<ConsumerRecord<K, V>>> into, ConsumerRecords<K, V> records) {
        for (TopicPartition partition : records.partitions()) {
            into.computeIfAbsent(partition, p -> new ArrayList<>()).addAll(records.records(partition));
        }
        return records.count();
    }

    /**
     * How one attempt at a record ended: done with (applied, duplicate or parked), or to be tried again after a wait;
     * a wait for a dependency that is away (an outage) does not use up one of the record's rounds.
     */
    record Attempt(boolean done, long waitMillis, boolean outage) {
        static final Attempt DONE = new Attempt(true, 0, false);
        static final Attempt OUTAGE = new Attempt(false, OUTAGE_WAIT_MILLIS, true);

        static Attempt retryIn(long millis) {
            return new Attempt(false, millis, false);
        }
    }

    /**
     * The fast path: every record of the poll applied in one transaction (a burst of answers costs one commit,
     * not one per answer). Any problem (a malformed record, a failing handler) rolls it all back and returns false;
     * the records then go one by one, with retries and the dead-letter topic.
     */
    private boolean applyTogether(ConsumerRecords<String, String> records) {
        if (records.count() == 1) {
            return false;
        }
        List<EventEnvelope> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            try {
                events.add(EventCodec.decode(record.value()));
            } catch (EventCodec.MalformedEventException e) {
                return false;
            }
        }
        try {
            int appliedNow = delivery.deliverTogether(consumer, topic.topicName(), events, handlers);
            applied.inc(appliedNow);
            duplicates.inc(events.size() - appliedNow);
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, consumer + ": a batch of " + events.size() + " failed together, applying one by one", e);
            return false;
        }
    }

    /** One attempt at one record. */
    private Attempt handle(ConsumerRecord<String, String> record, int roundsSoFar, Producer<String, String> deadLetters) {
        EventEnvelope event;
        try {
            event = EventCodec.decode(record.value());
        } catch (EventCodec.MalformedEventException e) {
            return park(record, e.getMessage(), deadLetters);
        }
        try {
            if (delivery.deliver(consumer, record.topic(), event, handlers)) {
                applied.inc();
            } else {
                duplicates.inc();
            }
            if (roundsSoFar > 0) {
                LOG.info(() -> consumer + ": event " + event.id() + " applied after " + roundsSoFar + " retries");
            }
            return Attempt.DONE;
        } catch (RuntimeException e) {
            Throwable cause = Failures.rootCause(e);
            if (RetryRounds.isOutage(e)) {
                // The database (or another dependency) is away: nothing wrong with the event. Parking would send
                // every event of the outage to the dead-letter topic; wait and read it again instead.
                LOG.log(Level.FINE, () -> consumer + ": event " + event.id() + " not applied, a dependency is away ("
                        + cause.getClass().getSimpleName() + "); trying again shortly");
                return Attempt.OUTAGE;
            }
            if (roundsSoFar < rounds.count() && running) {
                long wait = rounds.backoffMillis(roundsSoFar);
                LOG.log(Level.INFO, () -> consumer + ": event " + event.id() + " (" + event.type() + ") at "
                        + record.topic() + "/" + record.partition() + "@" + record.offset() + " failed (" + Failures.describe(e)
                        + "); its partition waits " + wait + " ms, the others go on");
                return Attempt.retryIn(wait);
            }
            LOG.warning(() -> consumer + ": event " + event.id() + " (" + event.type() + ") failed after " + roundsSoFar
                    + " retries: " + Failures.describe(e));
            return park(record, Failures.describe(e), deadLetters);
        }
    }

    private Attempt park(ConsumerRecord<String, String> record, String error, Producer<String, String> deadLetters) {
        ProducerRecord<String, String> parked = DeadLetterParking.parked(topic, consumer, record.key(), record.value(), error,
                record.partition(), record.offset());
        try {
            deadLetters.send(parked).get(10, TimeUnit.SECONDS);
            deadLettered.inc();
            LOG.warning(() -> consumer + ": parked record " + record.topic() + "/" + record.partition() + "@" + record.offset()
                    + " in " + parked.topic() + " (an operator can replay it): " + error);
            return Attempt.DONE;
        } catch (Exception e) {
            LOG.warning(() -> consumer + ": could not park record in " + parked.topic() + " (" + Failures.describe(e)
                    + "); trying again shortly");
            return Attempt.OUTAGE;
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
