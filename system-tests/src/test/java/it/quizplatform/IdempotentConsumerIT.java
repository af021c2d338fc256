package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;
import org.microshed.testing.kafka.KafkaConsumerClient;
import org.microshed.testing.kafka.KafkaProducerClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static it.quizplatform.Platform.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * quiz-app's consumer of user-events, fed straight through the real broker: a redelivered event is applied once,
 * and a record that is not an event at all is parked in quiz-app's dead-letter topic instead of blocking the rest.
 */
@MicroShedTest
public class IdempotentConsumerIT {

    @KafkaProducerClient(keySerializer = StringSerializer.class, valueSerializer = StringSerializer.class,
            properties = {"acks=all", "enable.idempotence=true"})
    public static KafkaProducer<String, String> producer;

    @KafkaConsumerClient(groupId = "it-dead-letters", topics = "user-events.quiz-app.dlq",
            keyDeserializer = StringDeserializer.class, valueDeserializer = StringDeserializer.class,
            properties = "auto.offset.reset=earliest")
    public static KafkaConsumer<String, String> deadLetters;

    private static String userRegistered(String eventId, String userId, String displayName) {
        String now = Instant.now().toString();
        return "{\"id\":\"" + eventId + "\",\"type\":\"user.registered\",\"aggregateType\":\"user\",\"aggregateId\":\"" + userId
                + "\",\"version\":1,\"occurredAt\":\"" + now + "\",\"payload\":{\"userId\":\"" + userId
                + "\",\"displayName\":\"" + displayName + "\",\"roles\":[\"host\"],\"registeredAt\":\"" + now + "\"}}";
    }

    @Test
    void redeliveredEventIsAppliedOnce() throws Exception {
        String userId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        producer.send(new ProducerRecord<>("user-events", userId, userRegistered(eventId, userId, "First Delivery"))).get();

        JsonNode host = awaitHost(userId);
        assertThat(host.get("displayName").asText()).isEqualTo("First Delivery");

        // The same event again (same id), as after a consumer crash before its offset commit. Its payload differs so
        // that applying it a second time would show.
        producer.send(new ProducerRecord<>("user-events", userId, userRegistered(eventId, userId, "Second Delivery"))).get();
        // A later, different event for another user marks the moment the duplicate has certainly been consumed:
        // one partition per key, but we wait on quiz-app's processed_events to be sure.
        await("the duplicate to be seen", Duration.ofSeconds(30), () ->
                duplicatesSeen() > 0 ? Optional.of(true) : Optional.empty());

        assertThat(Platform.get("/quiz/api/hosts/" + userId).json().get("displayName").asText()).isEqualTo("First Delivery");
        assertThat(Platform.count("QUIZ", "SELECT count(*) FROM processed_events WHERE event_id = ?::uuid", eventId)).isEqualTo(1);
        assertThat(Platform.count("QUIZ", "SELECT count(*) FROM hosts WHERE host_id = ?::uuid", userId)).isEqualTo(1);
    }

    @Test
    void poisonRecordIsParkedAndTheNextEventStillFlows() throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        producer.send(new ProducerRecord<>("user-events", poisonKey, "{this is not an event")).get();
        String userId = UUID.randomUUID().toString();
        producer.send(new ProducerRecord<>("user-events", userId, userRegistered(UUID.randomUUID().toString(), userId, "After Poison"))).get();

        ConsumerRecord<String, String> parked = Platform.awaitRecord(deadLetters, Duration.ofSeconds(30), r -> poisonKey.equals(r.key()));
        assertThat(parked.value()).isEqualTo("{this is not an event");
        assertThat(header(parked, "dlq-source-topic")).isEqualTo("user-events");
        assertThat(header(parked, "dlq-error")).contains("not a valid event envelope");
        assertThat(header(parked, "dlq-source-offset")).matches("\\d+");

        assertThat(awaitHost(userId).get("displayName").asText()).isEqualTo("After Poison");
    }

    private static JsonNode awaitHost(String userId) {
        return await("quiz-app to know host " + userId, Duration.ofSeconds(30), () -> {
            Platform.Reply r = Platform.get("/quiz/api/hosts/" + userId);
            return r.status() == 200 ? Optional.of(r.json()) : Optional.empty();
        });
    }

    private static double duplicatesSeen() {
        String metrics = Platform.get("/metrics?scope=application").body();
        return metrics.lines()
                .filter(l -> l.startsWith("events_consumed_total{") && l.contains("outcome=\"duplicate\"") && l.contains("service=\"quiz-app\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
