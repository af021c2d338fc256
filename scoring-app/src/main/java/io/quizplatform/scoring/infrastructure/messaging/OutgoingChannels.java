package io.quizplatform.scoring.infrastructure.messaging;

import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.messaging.EventChannels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The topic scoring-app sends its events to, as a MicroProfile Reactive Messaging channel (Liberty's Kafka connector;
 * settings in META-INF/microprofile-config.properties). The outbox relay and the platform's direct publisher send
 * through it ({@link io.quizplatform.platform.messaging.EventSender}).
 */
@ApplicationScoped
public class OutgoingChannels implements EventChannels {

    /** Room for a whole burst while the connector's producer catches up (a send blocks at most max.block.ms). */
    @Inject
    @Channel("scoring-app-scoring-events-out")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
    Emitter<ProducerRecord<String, String>> scoringEvents;

    @Override
    public Emitter<ProducerRecord<String, String>> to(Topic topic) {
        if (topic != Topic.SCORING_EVENTS) {
            throw new IllegalArgumentException("scoring-app sends no events to " + topic.topicName());
        }
        return scoringEvents;
    }
}
