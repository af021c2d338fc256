package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.EventEnvelope;
import jakarta.json.JsonException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.NoSuchElementException;

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

    /**
     * The payload is spliced in as the text it is (a JSON object written by {@link #payloadToJson}, or read back from
     * an outbox row that was), not parsed and written again: every event of the answer burst is encoded once and
     * decoded several times, and the round trip through a tree was about a seventh of the server's samples in a
     * profile of 100 games of 100 (2026-12-02).
     */
    public static String encode(EventEnvelope event) {
        String payload = event.payloadJson().strip();
        if (!payload.startsWith("{") || !payload.endsWith("}")) {
            throw new IllegalArgumentException("the payload of " + event.type() + " is not a JSON object");
        }
        return new StringBuilder(payload.length() + 256)
                .append("{\"id\":").append(quoted(event.id()))
                .append(",\"type\":").append(quoted(event.type()))
                .append(",\"aggregateType\":").append(quoted(event.aggregateType()))
                .append(",\"aggregateId\":").append(quoted(event.aggregateId()))
                .append(",\"version\":").append(event.version())
                .append(",\"occurredAt\":\"").append(event.occurredAt()).append('"')
                .append(",\"payload\":").append(payload)
                .append('}')
                .toString();
    }

    private static String quoted(String text) {
        return JSON.createValue(text).toString();
    }

    /**
     * Reads an event; a record that isn't a well-formed envelope is a poison message. One streaming pass: the payload
     * is taken as the text between its braces (the parser checks its grammar on the way) and bound to its
     * record later by {@link #payloadFromJson}, instead of being built as a tree and written out again.
     */
    public static EventEnvelope decode(String json) {
        if (json == null) {
            throw new MalformedEventException("empty record");
        }
        try (JsonParser parser = JSON.createParser(new StringReader(json))) {
            expect(parser, JsonParser.Event.START_OBJECT, "an object");
            String id = null;
            String type = null;
            String aggregateType = null;
            String aggregateId = null;
            Long version = null;
            String occurredAt = null;
            String payload = null;
            while (parser.next() != JsonParser.Event.END_OBJECT) {
                String key = parser.getString();
                JsonParser.Event value = parser.next();
                switch (key) {
                    case "id" -> id = once(id, text(parser, value, key), key);
                    case "type" -> type = once(type, text(parser, value, key), key);
                    case "aggregateType" -> aggregateType = once(aggregateType, text(parser, value, key), key);
                    case "aggregateId" -> aggregateId = once(aggregateId, text(parser, value, key), key);
                    case "version" -> version = once(version, version(parser, value), key);
                    case "occurredAt" -> occurredAt = once(occurredAt, text(parser, value, key), key);
                    case "payload" -> payload = once(payload, payload(parser, value, json), key);
                    default -> skip(parser, value);
                }
            }
            if (parser.hasNext()) {
                throw new MalformedEventException("not a valid event envelope: content after the object");
            }
            return new EventEnvelope(required(id, "id"), required(type, "type"),
                    required(aggregateType, "aggregateType"), required(aggregateId, "aggregateId"),
                    required(version, "version"), Instant.parse(required(occurredAt, "occurredAt")),
                    required(payload, "payload"));
        } catch (JsonException | NoSuchElementException | IllegalStateException | ArithmeticException
                 | DateTimeParseException | IllegalArgumentException e) {
            throw new MalformedEventException("not a valid event envelope: " + e.getMessage());
        }
    }

    private static void expect(JsonParser parser, JsonParser.Event expected, String what) {
        if (!parser.hasNext() || parser.next() != expected) {
            throw new MalformedEventException("not a valid event envelope: not " + what);
        }
    }

    private static String text(JsonParser parser, JsonParser.Event value, String key) {
        if (value != JsonParser.Event.VALUE_STRING) {
            throw new MalformedEventException("not a valid event envelope: \"" + key + "\" is not a string");
        }
        return parser.getString();
    }

    private static Long version(JsonParser parser, JsonParser.Event value) {
        if (value != JsonParser.Event.VALUE_NUMBER) {
            throw new MalformedEventException("not a valid event envelope: \"version\" is not a number");
        }
        return parser.getBigDecimal().longValueExact();
    }

    /** The payload object's text, from the parser's offsets (the character after each brace), checked to be braces. */
    private static String payload(JsonParser parser, JsonParser.Event value, String json) {
        if (value != JsonParser.Event.START_OBJECT) {
            throw new MalformedEventException("not a valid event envelope: \"payload\" is not an object");
        }
        long from = parser.getLocation().getStreamOffset() - 1;
        stepOver(parser);
        long to = parser.getLocation().getStreamOffset();
        if (from < 0 || to > json.length() || from >= to || json.charAt((int) from) != '{' || json.charAt((int) to - 1) != '}') {
            throw new IllegalStateException("the JSON parser gave no usable offsets for the payload");
        }
        return json.substring((int) from, (int) to);
    }

    private static void skip(JsonParser parser, JsonParser.Event value) {
        if (value == JsonParser.Event.START_OBJECT || value == JsonParser.Event.START_ARRAY) {
            stepOver(parser);
        }
    }

    /** {@code read}, unless the key was read before: a duplicate key is refused, not left to whichever comes last. */
    private static <T> T once(T before, T read, String key) {
        if (before != null) {
            throw new MalformedEventException("not a valid event envelope: \"" + key + "\" appears twice");
        }
        return read;
    }

    /** To the end of the object or array just started; stepped through, not skipped: skipObject() only counts braces. */
    private static void stepOver(JsonParser parser) {
        for (int depth = 1; depth > 0; ) {
            switch (parser.next()) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                default -> { }
            }
        }
    }

    private static <T> T required(T value, String key) {
        if (value == null) {
            throw new MalformedEventException("not a valid event envelope: \"" + key + "\" is missing");
        }
        return value;
    }

    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }
    }
}
