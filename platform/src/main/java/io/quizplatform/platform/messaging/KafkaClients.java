package io.quizplatform.platform.messaging;

import io.quizplatform.platform.ServiceSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Properties;
import java.util.UUID;

/**
 * Creates the service's Kafka clients with the settings the platform relies on. Producers are idempotent with
 * acks=all, stated explicitly so that a conflicting setting fails loudly instead of silently dropping idempotence.
 * Consumers commit offsets themselves, after the event's effect has committed.
 */
@ApplicationScoped
public class KafkaClients {

    @Inject
    ServiceSettings settings;

    private volatile Admin admin;

    public KafkaProducer<String, String> newProducer(String purpose) {
        Properties p = base(settings.serviceName() + "-" + purpose);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        // Bounded waits: the outbox keeps what could not be sent, so failing fast is better than blocking a relay.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return withAppClassLoader(() -> new KafkaProducer<>(p));
    }

    /**
     * A consumer for a broadcast: every instance reads every partition itself (assign + seek), outside any consumer
     * group. Without a group there is no rebalance and no committed offset to lose: the consumer keeps its position
     * in memory through a broker restart and goes on from exactly there, so nothing produced meanwhile is skipped
     * (a new group starting at "latest" after a restart would jump over it). Nothing is left behind on the broker.
     */
    public KafkaConsumer<String, String> newBroadcastConsumer(String purpose) {
        Properties p = consumerProperties(settings.serviceName() + "-" + purpose, null, "latest");
        // A record is returned the moment it is there (fetch.min.bytes 1); an idle fetch is held at the broker, so
        // a longer wait costs no latency, only fewer empty fetches (this reader never pauses a partition). Below the
        // request timeout, so a held fetch is never taken for a broker that went away.
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "3000");
        // Live play: find out within seconds that the broker went away or came back.
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        return withAppClassLoader(() -> new KafkaConsumer<>(p));
    }

    /**
     * A consumer outside any consumer group, for reading a topic on request (assign + seek): it has no group, so it
     * commits nothing and cannot disturb the service's consumers. Calls are bounded by a few seconds so that a
     * request waiting on it fails rather than hangs when Kafka is down.
     */
    public KafkaConsumer<String, String> newReader(String purpose) {
        // An offset removed by retention between the look-up and the read starts the reader at the earliest one;
        // the caller sees the offsets it got.
        Properties p = consumerProperties(settings.serviceName() + "-" + purpose + "-reader-" + UUID.randomUUID().toString().substring(0, 8),
                null, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        return withAppClassLoader(() -> new KafkaConsumer<>(p));
    }

    /** Offsets are committed by the code that applied the record, never automatically; no group: {@code null}. */
    private Properties consumerProperties(String clientId, String groupId, String offsetReset) {
        Properties p = base(clientId);
        if (groupId != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }

    /** One admin client per service, shared by topic provisioning and the health check. */
    public Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    Properties p = base(settings.serviceName() + "-admin");
                    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
                    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
                    admin = withAppClassLoader(() -> Admin.create(p));
                }
            }
        }
        return admin;
    }

    public void close() {
        Admin a = admin;
        admin = null;
        if (a != null) {
            a.close(java.time.Duration.ofSeconds(2));
        }
    }

    /** The operator's settings for every client (TLS, SASL, ...: {@link KafkaClientSettings}), then the platform's. */
    private Properties base(String clientId) {
        Properties p = settings.kafkaClientSettings();
        p.put("bootstrap.servers", settings.kafkaBootstrapServers());
        p.put("client.id", clientId);
        p.put("reconnect.backoff.max.ms", "2000");
        return p;
    }

    /** Kafka loads serializers by class name through the context class loader; make it the one that has them. */
    private static <T> T withAppClassLoader(java.util.function.Supplier<T> factory) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaClients.class.getClassLoader());
        try {
            return factory.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
