package it.quizplatform;

import io.quizplatform.contracts.ContractValidator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Events a test puts straight on a topic, as a service would: schema-checked envelopes with the usual headers. */
final class ForgedEvents {

    private ForgedEvents() {
    }

    static String envelope(String type, String aggregateType, String aggregateId, long version, String payload) {
        return envelope(UUID.randomUUID().toString(), type, aggregateType, aggregateId, version, Instant.now(), payload);
    }

    static String envelope(String id, String type, String aggregateType, String aggregateId, long version, Instant at,
                           String payload) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"aggregateType\":\"" + aggregateType + "\",\"aggregateId\":\""
                + aggregateId + "\",\"version\":" + version + ",\"occurredAt\":\"" + at + "\",\"payload\":" + payload + "}";
    }

    /**
     * A game as quiz-app records it on quiz-events: two single-choice questions of 20 s and 1000 points (option a
     * right, b wrong), these players joined in this order, the first question open. Versions 1, 2, …
     */
    static List<String> gameWithQuestionOpen(String gameId, String hostId, String... playerIds) {
        Instant now = Instant.now();
        List<String> events = new java.util.ArrayList<>();
        events.add(envelope("game.created", "game", gameId, 1, "{\"gameId\":\"" + gameId + "\",\"quizId\":\"" + UUID.randomUUID()
                + "\",\"hostId\":\"" + hostId + "\",\"pin\":\"" + (100000 + (int) (Math.random() * 899999))
                + "\",\"timeLimitsSeconds\":[20,20],\"questions\":["
                + question("q-1", "Capital of France?", "Paris", "Lyon") + "," + question("q-2", "Capital of Italy?", "Rome", "Milan")
                + "],\"speedScoring\":true,\"streakBonus\":true,\"lateJoinAllowed\":false,\"maxPlayers\":100,\"at\":\"" + now + "\"}"));
        int version = 2;
        for (String playerId : playerIds) {
            events.add(envelope("game.player-joined", "game", gameId, version++, "{\"playerId\":\"" + playerId
                    + "\",\"nickname\":\"P" + playerId.substring(0, 6) + "\",\"at\":\"" + now + "\"}"));
        }
        events.add(envelope("game.question-opened", "game", gameId, version, "{\"questionIndex\":0,\"at\":\"" + now
                + "\",\"closesAt\":\"" + now.plusSeconds(20) + "\"}"));
        return events;
    }

    private static String question(String id, String text, String right, String wrong) {
        return "{\"id\":\"" + id + "\",\"type\":\"SINGLE_CHOICE\",\"text\":\"" + text + "\",\"timeLimitSeconds\":20,\"points\":1000,"
                + "\"options\":[{\"id\":\"a\",\"text\":\"" + right + "\",\"correct\":true},{\"id\":\"b\",\"text\":\"" + wrong
                + "\",\"correct\":false}],\"acceptedAnswers\":[]}";
    }

    /** Sends the event (checked against its schemas first) keyed by {@code key}; returns it. */
    static String publish(KafkaProducer<String, String> producer, String topic, String key, String event) throws Exception {
        assertThat(ContractValidator.violations(event)).as(event).isEmpty();
        return publishUnchecked(producer, topic, key, event);
    }

    /** Sends the event as it is, not checked against its schemas (what a broken or hostile producer could send). */
    static String publishUnchecked(KafkaProducer<String, String> producer, String topic, String key, String event) throws Exception {
        producer.send(record(topic, key, event)).get();
        return event;
    }

    /** The record quiz-app's producer would send: keyed, with the event's type and id as headers. */
    private static ProducerRecord<String, String> record(String topic, String key, String event) throws Exception {
        var json = Platform.JSON.readTree(event);
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, event);
        record.headers().add("event-type", json.get("type").asText().getBytes(StandardCharsets.UTF_8));
        record.headers().add("event-id", json.get("id").asText().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /**
     * Sends the events (each checked first) keyed by {@code key} without waiting for each, so that a consumer reads
     * them as one burst; returns once the broker has them all.
     */
    static void publishAll(KafkaProducer<String, String> producer, String topic, String key, List<String> events) throws Exception {
        publishAll(producer, topic, events.stream().map(event -> new Keyed(key, event)).toList());
    }

    /** A new key whose records land in the same partition of the topic as {@code key}'s (so a consumer may read both in one batch). */
    static String samePartition(KafkaProducer<String, String> producer, String topic, String key) {
        int partitions = producer.partitionsFor(topic).size();
        while (true) {
            String other = UUID.randomUUID().toString();
            if (partition(other, partitions) == partition(key, partitions)) {
                return other;
            }
        }
    }

    /** Kafka's default partitioner for a keyed record. */
    private static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** An event with the key it goes under (a game's id: its partition). */
    record Keyed(String key, String event) {
    }

    /** {@link #publishAll(KafkaProducer, String, String, List)} for events of several keys, in this order. */
    static void publishAll(KafkaProducer<String, String> producer, String topic, List<Keyed> events) throws Exception {
        List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
        for (Keyed keyed : events) {
            assertThat(ContractValidator.violations(keyed.event())).as(keyed.event()).isEmpty();
            sent.add(producer.send(record(topic, keyed.key(), keyed.event())));
        }
        producer.flush();
        for (java.util.concurrent.Future<?> f : sent) {
            f.get();
        }
    }
}
