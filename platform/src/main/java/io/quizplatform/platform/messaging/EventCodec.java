package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.EventEnvelope;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The wire form of events (see {@code schemas/event-envelope.schema.json}): the envelope's fields plus the payload
 * as a nested JSON object. Payload records are (de)serialized with JSON-B.
 */
public final class EventCodec {

    private static final Jsonb JSONB = JsonbBuilder.create();

    /**
     * Looked up once: {@code Json.createReader} and its kin look the provider up on every call (a ServiceLoader scan
     * and a failed class load under Liberty's class loaders), which cost about a millisecond per event on the answer
     * burst's path (seen in thread dumps under load, 2026-12-01).
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    private EventCodec() {
    }

    public static String payloadToJson(Object payload) {
        return JSONB.toJson(payload);
    }

    public static <T> T payloadFromJson(EventEnvelope event, Class<T> type) {
        return JSONB.fromJson(event.payloadJson(), type);
    }

    public static String encode(EventEnvelope event) {
        JsonObject payload;
        try (JsonReader reader = JSON.createReader(new StringReader(event.payloadJson()))) {
            payload = reader.readObject();
        }
        return JSON.createObjectBuilder()
                .add("id", event.id())
                .add("type", event.type())
                .add("aggregateType", event.aggregateType())
                .add("aggregateId", event.aggregateId())
                .add("version", event.version())
                .add("occurredAt", event.occurredAt().toString())
                .add("payload", payload)
                .build()
                .toString();
    }

    /** Reads an event; a record that isn't a well-formed envelope is a poison message. */
    public static EventEnvelope decode(String json) {
        if (json == null) {
            throw new MalformedEventException("empty record");
        }
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            JsonObject o = reader.readObject();
            return new EventEnvelope(
                    o.getString("id"),
                    o.getString("type"),
                    o.getString("aggregateType"),
                    o.getString("aggregateId"),
                    o.getJsonNumber("version").longValueExact(),
                    Instant.parse(o.getString("occurredAt")),
                    o.getJsonObject("payload").toString());
        } catch (JsonException | NullPointerException | ClassCastException | ArithmeticException
                 | DateTimeParseException | IllegalArgumentException e) {
            throw new MalformedEventException("not a valid event envelope: " + e.getMessage());
        }
    }

    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }
    }
}
