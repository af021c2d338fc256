package io.quizplatform.quiz.infrastructure.messaging;

import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.contracts.Topic;
import io.quizplatform.contracts.UserProfileUpdated;
import io.quizplatform.contracts.UserRegistered;
import io.quizplatform.platform.messaging.EventCodec;
import io.quizplatform.platform.messaging.EventHandler;
import io.quizplatform.quiz.application.HostDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Feeds the host directory from {@code user-events}; the platform applies each event once. */
@ApplicationScoped
public class UserEventsProjection implements EventHandler {

    @Inject
    HostDirectory hosts;

    @Override
    public Topic topic() {
        return Topic.USER_EVENTS;
    }

    @Override
    public boolean handles(String eventType) {
        return EventTypes.USER_REGISTERED.equals(eventType) || EventTypes.USER_PROFILE_UPDATED.equals(eventType);
    }

    @Override
    public void apply(EventEnvelope event) {
        switch (event.type()) {
            case EventTypes.USER_REGISTERED ->
                    hosts.registered(EventCodec.payloadFromJson(event, UserRegistered.class), event.version());
            case EventTypes.USER_PROFILE_UPDATED ->
                    hosts.profileUpdated(EventCodec.payloadFromJson(event, UserProfileUpdated.class), event.version());
            default -> throw new IllegalArgumentException("not a user event this projection handles: " + event.type());
        }
    }
}
