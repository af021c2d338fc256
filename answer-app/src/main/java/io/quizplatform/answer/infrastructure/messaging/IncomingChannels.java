package io.quizplatform.answer.infrastructure.messaging;

import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.messaging.EventConsumers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.streams.operators.SubscriberBuilder;

/**
 * The Kafka topics answer-app reads, as MicroProfile Reactive Messaging channels (Liberty's Kafka connector, consumer
 * group {@code answer-app}; settings in META-INF/microprofile-config.properties). Each channel's subscriber comes from
 * the platform's consumers, which apply every message once through the topic's handlers and acknowledge it when
 * done, and fail liveness should the connector end the channel.
 */
@ApplicationScoped
public class IncomingChannels {

    @Inject
    EventConsumers consumers;

    @Incoming("answer-app-quiz-events")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public SubscriberBuilder<Message<String>, Void> quizEvents() {
        return consumers.channel("answer-app-quiz-events", Topic.QUIZ_EVENTS);
    }
}
