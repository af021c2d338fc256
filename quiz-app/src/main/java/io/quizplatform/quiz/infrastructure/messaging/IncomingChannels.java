package io.quizplatform.quiz.infrastructure.messaging;

import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.messaging.EventConsumers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.streams.operators.SubscriberBuilder;

/**
 * The Kafka topics quiz-app reads in its consumer group, as MicroProfile Reactive Messaging channels (Liberty's Kafka
 * connector, group {@code quiz-app}; settings in META-INF/microprofile-config.properties). The live game's fan-out,
 * which every instance reads whole outside any group, is {@link GameEventsFanOut} (docs/adr/0002).
 */
@ApplicationScoped
public class IncomingChannels {

    @Inject
    EventConsumers consumers;

    @Incoming("quiz-app-user-events")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public SubscriberBuilder<Message<String>, Void> userEvents() {
        return consumers.channel("quiz-app-user-events", Topic.USER_EVENTS);
    }
}
