package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.platform.Failures;
import io.quizplatform.contracts.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads one topic for one service (consumer group = service name). Each record is applied once (see
 * {@link ProcessedEvents}) with retries (Fault Tolerance's quick ones in each round, exponentially longer waits
 * between rounds: {@link RetryRounds}); a record that still fails, or is not a valid event at all, is parked in
 * the consumer's dead-letter topic with the error. The offset is committed only after the record was applied or
 * parked, so a crash re-reads it rather than losing it.
 */
final class EventConsumerLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(EventConsumerLoop.class.getName());

    private static final long POLL_AGAIN_AFTER_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Topic topic;
    private final String consumer;
    private final List<EventHandler> handlers;
    private final KafkaClients clients;
    private final EventDelivery delivery;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter deadLettered;
    private final RetryRounds rounds;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, String> kafka;

    EventConsumerLoop(Topic topic, String consumer, List<EventHandler> handlers, KafkaClients clients,
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
        KafkaConsumer<String, String> k = kafka;
        if (k != null) {
            k.wakeup();
        }
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
        try (KafkaConsumer<String, String> consumerClient = clients.newConsumer(consumer);
             KafkaProducer<String, String> deadLetters = clients.newProducer("dlq-" + topic.topicName())) {
            kafka = consumerClient;
            consumerClient.subscribe(List.of(topic.topicName()));
            while (running) {
                ConsumerRecords<String, String> records = consumerClient.poll(Duration.ofMillis(500));
                long polledAt = System.nanoTime();
                if (records.isEmpty()) {
                    continue;
                }
                if (applyTogether(records)) {
                    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                    for (TopicPartition partition : records.partitions()) {
                        List<ConsumerRecord<String, String>> inPartition = records.records(partition);
                        done.put(partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
                    }
                    // Asynchronous: if this commit is lost, the batch is read again and its processed-event marks
                    // make it change nothing.
                    consumerClient.commitAsync(done, null);
                    continue;
                }
                Map<TopicPartition, Long> next = new HashMap<>();
                for (TopicPartition partition : records.partitions()) {
                    next.put(partition, records.records(partition).get(0).offset());
                }
                for (ConsumerRecord<String, String> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (!handle(record, deadLetters)) {
                        // Could neither apply nor park it (e.g. Kafka down for the DLQ): rewind every partition of
                        // this batch to its first unfinished record and read again after a pause.
                        next.forEach(consumerClient::seek);
                        pause();
                        break;
                    }
                    next.put(partition, record.offset() + 1);
                    consumerClient.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
                    if (System.nanoTime() - polledAt > POLL_AGAIN_AFTER_NANOS) {
                        // Slow going (failing records wait between rounds): poll again well within
                        // max.poll.interval.ms, or the group would drop this consumer; the rest is read again.
                        next.forEach(consumerClient::seek);
                        break;
                    }
                }
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

    /** @return true when the record is done with (applied, duplicate or parked) */
    private boolean handle(ConsumerRecord<String, String> record, KafkaProducer<String, String> deadLetters) {
        EventEnvelope event;
        try {
            event = EventCodec.decode(record.value());
        } catch (EventCodec.MalformedEventException e) {
            return park(record, e.getMessage(), deadLetters);
        }
        for (int round = 0; ; round++) {
            try {
                if (delivery.deliver(consumer, record.topic(), event, handlers)) {
                    applied.inc();
                } else {
                    duplicates.inc();
                }
                return true;
            } catch (RuntimeException e) {
                Throwable cause = Failures.rootCause(e);
                if (RetryRounds.isOutage(e)) {
                    // The database (or another dependency) is away: nothing wrong with the event. Parking would
                    // send every event of the outage to the dead-letter topic; wait and read it again instead.
                    LOG.log(Level.WARNING, () -> consumer + ": event " + event.id() + " not applied, a dependency is away ("
                            + cause.getClass().getSimpleName() + "); trying again shortly");
                    return false;
                }
                if (round < rounds.count() && running) {
                    long wait = rounds.backoffMillis(round);
                    LOG.log(Level.INFO, () -> consumer + ": event " + event.id() + " (" + event.type() + ") failed ("
                            + cause.getMessage() + "), trying again in " + wait + " ms");
                    sleep(wait);
                    continue;
                }
                LOG.log(Level.WARNING, consumer + ": event " + event.id() + " (" + event.type() + ") failed after retries", e);
                return park(record, Failures.describe(e), deadLetters);
            }
        }
    }

    private boolean park(ConsumerRecord<String, String> record, String error, KafkaProducer<String, String> deadLetters) {
        ProducerRecord<String, String> parked = DeadLetterParking.parked(topic, consumer, record.key(), record.value(), error,
                record.partition(), record.offset());
        try {
            deadLetters.send(parked).get(10, TimeUnit.SECONDS);
            deadLettered.inc();
            LOG.warning(() -> consumer + ": parked record " + record.topic() + "/" + record.partition() + "@" + record.offset()
                    + " in " + parked.topic() + ": " + error);
            return true;
        } catch (Exception e) {
            LOG.log(Level.WARNING, consumer + ": could not park record in " + parked.topic(), e);
            return false;
        }
    }

    private void pause() {
        sleep(1000);
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
