package it.quizplatform;

import io.quizplatform.contracts.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topics exist on the real broker with the settings of the contracts, created by the services at start (the
 * local broker has auto-create off, so nothing else could have made them).
 */
public class TopicsIT {

    private static Admin admin;

    @BeforeAll
    static void connect() {
        Properties p = new Properties();
        p.put("bootstrap.servers", System.getProperty("org.microshed.kafka.bootstrap.servers"));
        admin = Admin.create(p);
    }

    @AfterAll
    static void close() {
        admin.close();
    }

    @Test
    void mainTopicsHaveTheirPartitionsAndPolicies() throws Exception {
        for (Topic topic : Topic.values()) {
            TopicDescription description = admin.describeTopics(List.of(topic.topicName())).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(topic.topicName());
            assertThat(description.partitions()).as(topic.topicName()).hasSize(topic.partitions());

            Config config = config(topic.topicName());
            if (topic.cleanup() == Topic.Cleanup.COMPACT) {
                assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            } else {
                assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
                assertThat(Long.parseLong(config.get("retention.ms").value())).isEqualTo(topic.retention().toMillis());
            }
            assertThat(config.get("unclean.leader.election.enable").value()).isEqualTo("false");
        }
        assertThat(config("quiz-events").get("retention.ms").value()).isEqualTo(Long.toString(7L * 24 * 3600 * 1000));
        assertThat(config("scoring-events").get("retention.ms").value()).isEqualTo(Long.toString(14L * 24 * 3600 * 1000));
        assertThat(config("user-events").get("cleanup.policy").value()).isEqualTo("compact");
    }

    @Test
    void consumersHaveTheirDeadLetterTopics() throws Exception {
        Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        assertThat(names).contains("user-events.quiz-app.dlq");
        assertThat(config("user-events.quiz-app.dlq").get("retention.ms").value())
                .isEqualTo(Long.toString(Topic.DEAD_LETTER_RETENTION.toMillis()));
    }

    /**
     * The broker creates no topics: a dead-letter topic an operator deleted held its consumer's partition for ever (every
     * try to park failed). A failed park has the service create its topics again.
     */
    @Test
    void aDeadLetterTopicAnOperatorDeletedIsCreatedAgainWhenARecordMustBeParked() throws Exception {
        String deadLetters = "user-events.quiz-app.dlq";
        admin.deleteTopics(List.of(deadLetters)).all().get(30, TimeUnit.SECONDS);
        Platform.await("the topic gone", Duration.ofSeconds(30), () -> present(deadLetters) ? Optional.empty() : Optional.of(true));

        String poisonKey = "poison-" + UUID.randomUUID();
        Properties p = new Properties();
        p.put("bootstrap.servers", System.getProperty("org.microshed.kafka.bootstrap.servers"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("user-events", poisonKey, "{this is not an event")).get(30, TimeUnit.SECONDS);
        }
        Platform.await("the topic created again", Duration.ofSeconds(60), () -> present(deadLetters) ? Optional.of(true) : Optional.empty());
        p.put("group.id", "it-recreated-dead-letters-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(deadLetters));
            ConsumerRecord<String, String> parked = Platform.awaitRecord(consumer, Duration.ofSeconds(60),
                    r -> poisonKey.equals(r.key()));
            assertThat(parked.value()).isEqualTo("{this is not an event");
        }
        assertThat(config(deadLetters).get("retention.ms").value()).as("with the contract's settings")
                .isEqualTo(Long.toString(Topic.DEAD_LETTER_RETENTION.toMillis()));
    }

    private static boolean present(String topic) {
        try {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Config config(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS);
        return configs.get(resource);
    }
}
