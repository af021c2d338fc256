package io.quizplatform.answer.infrastructure.messaging;

import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.messaging.EventConsumers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * The Kafka topics answer-app reads, as MicroProfile Reactive Messaging channels (Liberty's Kafka connector, consumer
 * group {@code answer-app}; settings in META-INF/microprofile-config.properties). Each message is handed to the
 * platform's consumers, which apply it once through the topic's handlers and acknowledge it when done.
 */
@ApplicationScoped
public class IncomingChannels {

    @Inject
    EventConsumers consumers;

    @Incoming("answer-app-quiz-events")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> quizEvents(Message<String> message) {
        return consumers.receive(Topic.QUIZ_EVENTS, message);
    }
}
