package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.concurrent.CompletableFuture;

/**
 * Publishes an event that announces no database change: the Kafka log is its only durable record, so the caller
 * learns when the broker has it (through the service's outgoing channel, {@link EventSender}). Events that go with a
 * database change use the outbox instead.
 */
@ApplicationScoped
public class AcknowledgedPublisher {

    @Inject
    EventSender sender;

    public static final class NotPublished extends RuntimeException {
        NotPublished(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Sends the event; the future completes when the broker has it, or fails with {@link NotPublished} (after the
     * producer's delivery timeout at the latest). Callers must not block the producer's thread in what they chain.
     */
    public CompletableFuture<Void> publishAsync(EventEnvelope event) {
        ProducerRecord<String, String> record = EventRecords.of(EventTypes.topicOf(event.type()).topicName(),
                event.aggregateId(), EventCodec.encode(event), event.id(), event.type());
        CompletableFuture<Void> done = new CompletableFuture<>();
        sender.send(record).whenComplete((ok, error) -> {
            if (error == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(new NotPublished("the broker did not take " + event.type(), error));
            }
        });
        return done;
    }
}
