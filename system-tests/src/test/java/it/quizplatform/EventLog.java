package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import io.quizplatform.contracts.ContractValidator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a test's consumer has read from a topic, by record key (game id), every record of a key the test asks for
 * checked against its schema (other tests put records on the same topics, some deliberately broken, under keys of
 * their own). Tests of one class share it, so a record read while waiting for one game is kept for another.
 */
final class EventLog {

    private final KafkaConsumer<String, String> consumer;
    private final Map<String, List<String>> byKey = new HashMap<>();

    EventLog(KafkaConsumer<String, String> consumer) {
        this.consumer = consumer;
    }

    /** Reads until the key has at least {@code atLeast} records that {@code which} accepts; returns those. */
    synchronized List<JsonNode> await(String key, int atLeast, Predicate<JsonNode> which) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (matching(key, which).size() < atLeast) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("only " + matching(key, e -> true) + " for " + key);
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value());
            }
        }
        return matching(key, which);
    }

    private List<JsonNode> matching(String key, Predicate<JsonNode> which) {
        List<JsonNode> events = new ArrayList<>();
        for (String value : byKey.getOrDefault(key, List.of())) {
            assertThat(ContractValidator.violations(value)).as(value).isEmpty();
            try {
                events.add(Platform.JSON.readTree(value));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return events.stream().filter(which).toList();
    }

    static Predicate<JsonNode> ofType(String type) {
        return e -> type.equals(e.path("type").asText());
    }
}
