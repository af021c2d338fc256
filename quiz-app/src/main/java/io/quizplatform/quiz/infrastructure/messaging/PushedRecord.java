package io.quizplatform.quiz.infrastructure.messaging;

import io.quizplatform.platform.messaging.EventRecords;
import io.quizplatform.platform.tracing.Traced;
import io.quizplatform.platform.tracing.Tracing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;

/**
 * What the fan-out gathered of one game in one poll remembers its first record, whose trace the push continues
 * (several records of a game become one push, and a span has one parent), and when each record was sent.
 */
class PushedRecord {

    private ConsumerRecord<String, String> first;
    /** The Kafka timestamps of the records seen, for {@link FanOutLatency}. */
    private long[] sentAt = new long[4];
    private int seen;

    void saw(ConsumerRecord<String, String> record) {
        if (first == null) {
            first = record;
        }
        if (seen == sentAt.length) {
            sentAt = java.util.Arrays.copyOf(sentAt, seen * 2);
        }
        sentAt[seen++] = record.timestamp();
    }

    /** Once pushed: how long after its send each record seen reached the connections here. */
    void timed(FanOutLatency latency, io.quizplatform.contracts.Topic topic) {
        for (int i = 0; i < seen; i++) {
            latency.pushed(topic, sentAt[i]);
        }
    }

    /** The span of pushing it to the connections here, child of the span that sent the first record. */
    Traced pushing(Tracing tracing) {
        if (first == null || !tracing.enabled()) {
            return Traced.NONE;
        }
        Header id = first.headers().lastHeader(EventRecords.EVENT_ID_HEADER);
        return tracing.receiving("push", "game-fanout", first.topic(), EventRecords.eventType(first),
                id == null ? null : new String(id.value(), StandardCharsets.UTF_8), first.headers());
    }
}
