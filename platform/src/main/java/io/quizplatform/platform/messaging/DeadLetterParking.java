package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.ServiceSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Parks an event in this service's dead-letter topic of its source topic, with the headers the listing and replay
 * read ({@link ParkedRecord}). The consumer loops park what fails after their retries; a service parks here what it
 * finds it cannot apply outside a consumer's delivery (for instance an event that waited for its aggregate).
 */
@ApplicationScoped
public class DeadLetterParking {

    private static final Logger LOG = Logger.getLogger(DeadLetterParking.class.getName());

    /** The longest failure description a parked record carries (its dlq-error header). */
    static final int MAX_ERROR_CHARS = 2_000;

    @Inject
    KafkaClients clients;

    private LazyProducer producer;

    @Inject
    ServiceSettings settings;

    @Inject
    ProcessedEvents processed;

    @Inject
    TopicProvisioner topics;


    /** The record to send; source partition and offset when known (null otherwise). */
    static ProducerRecord<String, String> parked(Topic source, String consumer, String key, String value, String error,
                                                 Integer sourcePartition, Long sourceOffset) {
        ProducerRecord<String, String> parked = new ProducerRecord<>(source.deadLetterTopicFor(consumer), key, value);
        // Bounded: a failure's description (a cause chain, a long message) must not make the parked copy too large
        // for the broker, which would leave the record unparked and its partition held.
        parked.headers().add("dlq-error", bytes(error == null || error.length() <= MAX_ERROR_CHARS ? error
                : error.substring(0, MAX_ERROR_CHARS) + "…"));
        parked.headers().add("dlq-source-topic", bytes(source.topicName()));
        if (sourcePartition != null) {
            parked.headers().add("dlq-source-partition", bytes(Integer.toString(sourcePartition)));
        }
        if (sourceOffset != null) {
            parked.headers().add("dlq-source-offset", bytes(Long.toString(sourceOffset)));
        }
        parked.headers().add("dlq-parked-at", bytes(Instant.now().toString()));
        return parked;
    }

    /**
     * Parks it and waits for the broker; throws if Kafka does not take it (the caller's transaction then fails). The
     * event was marked as processed when it was delivered (and set aside): the mark is taken back in the caller's
     * transaction (one is required), so that an operator's replay applies it. A transaction that fails after this
     * parks it again when it runs again: parked twice (one event id), and a replay of either copy applies it once;
     * the other then reports {@code duplicate}.
     */
    public void park(Topic source, String key, String value, String error) {
        ProducerRecord<String, String> parked = parked(source, settings.serviceName(), key, value, error, null, null);
        String eventId = null;
        try {
            eventId = EventCodec.decode(value).id();
        } catch (RuntimeException e) {
            // Not an event at all (it cannot have been marked by its id): parked as it is, not replayable.
            LOG.fine(() -> "parking a record that is not an event: " + e);
        }
        if (eventId != null) {
            processed.unmark(settings.serviceName(), eventId);
        }
        try {
            producer.get().send(parked).get(10, TimeUnit.SECONDS);
            LOG.warning(() -> settings.serviceName() + ": parked an event of " + source.topicName() + " in " + parked.topic()
                    + ": " + error);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parking in " + parked.topic(), e);
        } catch (ExecutionException | TimeoutException e) {
            topics.parkFailed(); // a dead-letter topic deleted is created again
            throw new IllegalStateException("could not park in " + parked.topic() + ": " + e.getMessage(), e);
        }
    }

    @PostConstruct
    void open() {
        producer = new LazyProducer(clients, "dlq-direct");
    }

    @PreDestroy
    void close() {
        producer.close();
    }

    private static byte[] bytes(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
