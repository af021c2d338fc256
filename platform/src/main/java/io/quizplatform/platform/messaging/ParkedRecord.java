package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * A record read back from a dead-letter topic, with what {@link PartitionLane} wrote into its headers when it
 * parked it, and its value decoded if it is an event ({@code event} null and {@code decodeError} set otherwise).
 */
record ParkedRecord(String dlqTopic, int partition, long offset, String key, String value, String sourceTopic,
                    Integer sourcePartition, Long sourceOffset, String error, Instant parkedAt, EventEnvelope event,
                    String decodeError) {

    static ParkedRecord of(ConsumerRecord<String, String> record) {
        EventEnvelope event = null;
        String decodeError = null;
        try {
            event = EventCodec.decode(record.value());
            // Consumers mark events as processed by id, a UUID: an event without one can never be applied.
            UUID.fromString(event.id());
        } catch (EventCodec.MalformedEventException e) {
            decodeError = e.getMessage();
        } catch (IllegalArgumentException e) {
            decodeError = "the event id '" + DeadLetterReplays.cap(event.id(), 60) + "' is not a UUID";
            event = null;
        }
        Instant parkedAt = parseInstant(header(record, "dlq-parked-at"));
        if (parkedAt == null && record.timestamp() >= 0) {
            parkedAt = Instant.ofEpochMilli(record.timestamp());
        }
        return new ParkedRecord(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                header(record, "dlq-source-topic"), parseInteger(header(record, "dlq-source-partition")),
                parseLong(header(record, "dlq-source-offset")), header(record, "dlq-error"), parkedAt, event, decodeError);
    }

    /** The same record without its raw value (kept for a replay, which needs the decoded event only). */
    ParkedRecord withoutValue() {
        return new ParkedRecord(dlqTopic, partition, offset, key, null, sourceTopic, sourcePartition, sourceOffset, error,
                parkedAt, event, decodeError);
    }

    boolean replayable() {
        return event != null;
    }

    String eventId() {
        return event == null ? null : event.id();
    }

    String eventType() {
        return event == null ? null : event.type();
    }

    /** The latest replay of this record, if the row is about it (see {@link DeadLetterReplay#concerns}). */
    DeadLetterReplay replayIn(DeadLetterReplay row) {
        return row != null && row.concerns(eventId()) ? row : null;
    }

    DeadLetterEntry toEntry(DeadLetterReplay row) {
        DeadLetterReplay replay = replayIn(row);
        return new DeadLetterEntry(dlqTopic, partition, offset, key, sourceTopic, sourcePartition, sourceOffset,
                eventId(), eventType(), error, parkedAt, replayable(),
                replayable() ? null : decodeError,
                replay, replay != null && replay.wasSuccessful());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Instant parseInstant(String s) {
        try {
            return s == null || s.isBlank() ? null : Instant.parse(s.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Integer parseInteger(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long parseLong(String s) {
        try {
            return s == null ? null : Long.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
