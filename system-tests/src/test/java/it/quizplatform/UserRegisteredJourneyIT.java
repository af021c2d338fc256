package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import io.quizplatform.contracts.ContractValidator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;
import org.microshed.testing.kafka.KafkaConsumerClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static it.quizplatform.Platform.await;
import static it.quizplatform.Platform.awaitRecord;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first event across services, end to end: a registration through user-app's REST API is stored in user_db,
 * leaves through the outbox as user.registered on user-events (checked on the real broker, against the published
 * schema), and quiz-app records the new host.
 */
@MicroShedTest
public class UserRegisteredJourneyIT {

    @KafkaConsumerClient(groupId = "it-user-registered-journey", topics = "user-events",
            keyDeserializer = StringDeserializer.class, valueDeserializer = StringDeserializer.class,
            properties = "auto.offset.reset=earliest")
    public static KafkaConsumer<String, String> userEvents;

    @Test
    void registeredUserIsAnnouncedAndReachesQuizApp() throws Exception {
        String email = Platform.uniqueEmail("journey");
        Platform.Reply reply = Platform.postJson("/user/api/users", Platform.registrationJson(email.toUpperCase(), "Grace  Hopper"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode user = reply.json();
        String userId = user.get("id").asText();
        assertThat(user.get("email").asText()).isEqualTo(email);
        assertThat(user.get("displayName").asText()).isEqualTo("Grace Hopper");
        assertThat(user.toString()).doesNotContain("password").doesNotContain("correct horse");

        // Stored, with a slow salted hash and never the password itself.
        // The count the stack configured (the test stack lowers it for speed; 210,000 is the default and the chart's).
        String iterations = Platform.stackStatus().get("env").path("PASSWORD_HASH_ITERATIONS").asText("210000");
        assertThat(Platform.count("USER", "SELECT count(*) FROM users WHERE id = ?::uuid AND password_hash LIKE ?",
                userId, "PBKDF2WithHmacSHA512:" + iterations + ":%"))
                .isEqualTo(1);
        assertThat(Platform.count("USER", "SELECT count(*) FROM users WHERE password_hash LIKE '%correct horse%'")).isZero();

        // On the real broker, keyed by user id, honouring the published contract.
        ConsumerRecord<String, String> record = awaitRecord(userEvents, Duration.ofSeconds(30), r -> userId.equals(r.key()));
        assertThat(ContractValidator.violations(record.value())).isEmpty();
        JsonNode event = Platform.JSON.readTree(record.value());
        assertThat(event.get("type").asText()).isEqualTo("user.registered");
        assertThat(event.get("aggregateId").asText()).isEqualTo(userId);
        assertThat(event.get("version").asLong()).isEqualTo(1);
        assertThat(event.get("payload").get("displayName").asText()).isEqualTo("Grace Hopper");
        assertThat(record.value()).doesNotContain(email);
        assertThat(new String(record.headers().lastHeader("event-id").value(), StandardCharsets.UTF_8))
                .isEqualTo(event.get("id").asText());

        // The outbox row is marked as published, not deleted and not pending.
        assertThat(Platform.count("USER", "SELECT count(*) FROM outbox WHERE message_key = ? AND published_at IS NOT NULL", userId))
                .isEqualTo(1);

        // quiz-app consumed it into its host directory.
        JsonNode host = await("quiz-app to know host " + userId, Duration.ofSeconds(30), () -> {
            Platform.Reply r = Platform.get("/quiz/api/hosts/" + userId);
            return r.status() == 200 ? Optional.of(r.json()) : Optional.empty();
        });
        assertThat(host.get("displayName").asText()).isEqualTo("Grace Hopper");
        assertThat(Platform.count("QUIZ", "SELECT count(*) FROM processed_events WHERE consumer = 'quiz-app' AND event_id = ?::uuid",
                event.get("id").asText())).isEqualTo(1);
    }

    @Test
    void unknownHostIsA404Problem() {
        Platform.Reply reply = Platform.get("/quiz/api/hosts/" + UUID.randomUUID());
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asText()).contains("No host with id");

        Platform.Reply bad = Platform.get("/quiz/api/hosts/not-a-uuid");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asText()).contains("UUID");
    }
}
