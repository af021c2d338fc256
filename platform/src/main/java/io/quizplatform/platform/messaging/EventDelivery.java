package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Hands one event to the idempotent applier, retrying transient failures (a database blip, a lock timeout) with
 * MicroProfile Fault Tolerance. Each attempt is a fresh transaction. Operators tune it with the standard keys, e.g.
 * {@code io.quizplatform.platform.messaging.EventDelivery/deliver/Retry/maxRetries}.
 */
@ApplicationScoped
public class EventDelivery {

    @Inject
    ProcessedEvents processedEvents;

    @Retry(maxRetries = 3, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS, maxDuration = 30, durationUnit = ChronoUnit.SECONDS,
            abortOn = EventCodec.MalformedEventException.class)
    public boolean deliver(String consumer, String topic, EventEnvelope event, Headers trace, List<EventHandler> handlers) {
        return processedEvents.applyOnce(consumer, topic, event, trace, handlers);
    }

    /**
     * Applies a batch in one transaction, without retries: the caller falls back to one by one if it fails.
     *
     * @param traces the records' headers, in the order of the events, for the trace context; null when tracing is off
     */
    public int deliverTogether(String consumer, String topic, List<EventEnvelope> events, List<Headers> traces,
                               List<EventHandler> handlers) {
        return processedEvents.applyAllOnce(consumer, topic, events, traces, handlers);
    }
}
