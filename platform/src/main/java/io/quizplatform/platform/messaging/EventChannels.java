package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.Topic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * The MicroProfile Reactive Messaging channels a service sends its events through, one per topic it owns. Each
 * service implements it as a CDI bean with an {@code @Channel} {@link Emitter} per topic (Liberty's Kafka connector;
 * channel names carry the service's name because in the EAR all four services are one application).
 */
public interface EventChannels {

    /** The channel to {@code topic}; throws if the service does not send to it. */
    Emitter<ProducerRecord<String, String>> to(Topic topic);
}
