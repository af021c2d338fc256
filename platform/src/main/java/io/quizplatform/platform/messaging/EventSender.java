package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.tracing.Traced;
import io.quizplatform.platform.tracing.Tracing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletableFuture;

/**
 * Sends an event record through the service's outgoing channel ({@link EventChannels}) and tells the caller when
 * the broker has it: Liberty's Kafka connector acknowledges the message once the producer's send succeeded (acks=all,
 * idempotent; settings in MicroProfile Config) and nacks it when the send failed. The record keeps its key (the
 * aggregate id, so one game's events stay in one partition and in order) and headers, to which the span of the send
 * adds its W3C trace context (when tracing is on).
 */
@ApplicationScoped
public class EventSender {

    @Inject
    Instance<EventChannels> channels;

    @Inject
    Tracing tracing;

    public CompletableFuture<Void> send(ProducerRecord<String, String> record) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Traced span = tracing.sending(record);
        Message<ProducerRecord<String, String>> message = Message.of(record, () -> {
            span.end();
            done.complete(null);
            return CompletableFuture.completedFuture(null);
        }, error -> {
            span.failed(error);
            span.end();
            done.completeExceptionally(error);
            return CompletableFuture.completedFuture(null);
        });
        try {
            channels.get().to(Topic.byName(record.topic())).send(message);
        } catch (RuntimeException e) {
            // No subscriber yet (the application is starting or stopping) or the emitter's buffer is full.
            span.failed(e);
            span.end();
            done.completeExceptionally(e);
        }
        return done;
    }
}
