package io.quizplatform.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What travels on every topic: who changed (aggregate), what happened (type), in which order (version), when,
 * and the payload as a JSON document. The wire form is described by {@code schemas/event-envelope.schema.json}.
 *
 * @param id            unique per event; consumers deduplicate on it
 * @param type          dotted event type, e.g. {@code user.registered}
 * @param aggregateType the kind of aggregate, e.g. {@code user}, {@code quiz}, {@code game}
 * @param aggregateId   the aggregate's id; also the Kafka record key
 * @param version       the aggregate version this event produced (1 for the first event)
 * @param occurredAt    when the change was committed
 * @param payloadJson   the payload, a JSON object serialized as text
 */
public record EventEnvelope(String id, String type, String aggregateType, String aggregateId, long version,
                            Instant occurredAt, String payloadJson) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payloadJson, "payloadJson");
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more, was " + version);
        }
    }

    public static EventEnvelope newEvent(String type, String aggregateType, String aggregateId, long version,
                                         Instant occurredAt, String payloadJson) {
        return new EventEnvelope(UUID.randomUUID().toString(), type, aggregateType, aggregateId, version, occurredAt,
                payloadJson);
    }
}
