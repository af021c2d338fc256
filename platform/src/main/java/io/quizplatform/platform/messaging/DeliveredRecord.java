package io.quizplatform.platform.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record as the connector delivered it to a {@link PartitionLane}, with the acknowledgement that lets the connector
 * commit past it. Touched by the lane's draining thread only (and by the lane's {@code add} before it is queued).
 */
final class DeliveredRecord {

    private final ConsumerRecord<String, String> record;
    private final Runnable ack;
    private boolean acknowledged;

    DeliveredRecord(ConsumerRecord<String, String> record, Runnable ack) {
        this.record = record;
        this.ack = ack;
    }

    ConsumerRecord<String, String> record() {
        return record;
    }

    void acknowledge() {
        ack.run();
        acknowledged = true;
    }

    boolean acknowledged() {
        return acknowledged;
    }
}
