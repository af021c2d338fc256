package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import io.quizplatform.contracts.ContractValidator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;
import org.microshed.testing.kafka.KafkaConsumerClient;

import java.time.Duration;
import java.util.Optional;

import static it.quizplatform.Platform.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox at work: with the real broker stopped, readiness is DOWN and names Kafka, a registration still
 * succeeds, and its event reaches Kafka (exactly once, in the consumer's view) once the broker is back.
 */
@MicroShedTest
public class KafkaOutageIT {

    @KafkaConsumerClient(groupId = "it-kafka-outage", topics = "user-events",
            keyDeserializer = StringDeserializer.class, valueDeserializer = StringDeserializer.class,
            properties = "auto.offset.reset=earliest")
    public static KafkaConsumer<String, String> userEvents;

    @AfterAll
    static void brokerIsBack() {
        if (!"up".equals(Platform.stackStatus().get("components").get("kafka").get("state").asText())) {
            Platform.control("POST", "/kafka/start");
        }
    }

    @Test
    void registrationDuringOutageIsAnnouncedWhenKafkaReturns() throws Exception {
        Platform.control("POST", "/kafka/stop");

        JsonNode downReport = await("readiness to report Kafka down", Duration.ofSeconds(30), () -> {
            Platform.Reply r = Platform.get("/health/ready");
            return r.status() == 503 ? Optional.of(r.json()) : Optional.empty();
        });
        assertThat(downReport.get("status").asText()).isEqualTo("DOWN");
        // A 1 s probe must see the answer, not a timeout: the checks do not wait for a broker that is away.
        for (int i = 0; i < 5; i++) {
            long began = System.nanoTime();
            assertThat(Platform.get("/health/ready").status()).isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(1));
            Platform.sleep(700);
        }
        downReport.get("checks").forEach(check -> {
            String name = check.get("name").asText();
            if (name.endsWith(".kafka")) {
                assertThat(check.get("status").asText()).as(name).isEqualTo("DOWN");
                assertThat(check.get("data").get("error").asText()).containsAnyOf("Kafka unreachable", "Kafka has not answered");
            } else if (name.endsWith(".database")) {
                assertThat(check.get("status").asText()).as(name).isEqualTo("UP");
            }
        });

        Platform.Reply registered = Platform.postJson("/user/api/users",
                Platform.registrationJson(Platform.uniqueEmail("outage"), "Outage Survivor"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String userId = registered.json().get("id").asText();

        Platform.sleep(2000);
        assertThat(Platform.count("USER", "SELECT count(*) FROM outbox WHERE message_key = ? AND published_at IS NULL", userId))
                .as("event waits in the outbox while Kafka is down").isEqualTo(1);

        Platform.control("POST", "/kafka/start");

        ConsumerRecord<String, String> record = Platform.awaitRecord(userEvents, Duration.ofSeconds(60), r -> userId.equals(r.key()));
        assertThat(ContractValidator.violations(record.value())).isEmpty();
        assertThat(Platform.JSON.readTree(record.value()).get("type").asText()).isEqualTo("user.registered");

        await("readiness UP again", Duration.ofSeconds(60), () ->
                Platform.get("/health/ready").status() == 200 ? Optional.of(true) : Optional.empty());
        await("quiz-app to know the host", Duration.ofSeconds(60), () ->
                Platform.get("/quiz/api/hosts/" + userId).status() == 200 ? Optional.of(true) : Optional.empty());
        assertThat(Platform.count("USER", "SELECT count(*) FROM outbox WHERE message_key = ? AND published_at IS NOT NULL", userId))
                .isEqualTo(1);
        assertThat(Platform.count("QUIZ", "SELECT count(*) FROM hosts WHERE host_id = ?::uuid", userId)).isEqualTo(1);
    }
}
