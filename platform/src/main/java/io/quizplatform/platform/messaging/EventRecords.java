package io.quizplatform.platform.messaging;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;

/**
 * How an event travels as a Kafka record, whoever sends it (the outbox relay or a direct publisher): keyed by
 * aggregate id, the envelope as value, and the event's id and type as headers so consumers can filter without
 * parsing.
 */
public final class EventRecords {

    public static final String EVENT_ID_HEADER = "event-id";
    public static final String EVENT_TYPE_HEADER = "event-type";

    private EventRecords() {
    }

    public static ProducerRecord<String, String> of(String topic, String key, String envelope, String eventId, String eventType) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, envelope);
        record.headers().add(EVENT_ID_HEADER, eventId.getBytes(StandardCharsets.UTF_8));
        record.headers().add(EVENT_TYPE_HEADER, eventType.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** The record's event type, or "" when it has none. */
    public static String eventType(org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(EVENT_TYPE_HEADER);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
