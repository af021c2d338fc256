package io.quizplatform.quiz.infrastructure.messaging;

import io.quizplatform.contracts.ContractValidator;
import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.contracts.UserRegistered;
import io.quizplatform.platform.messaging.EventCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Consumer side of the user.registered contract: the published example reads into what quiz-app uses. */
class UserEventsConsumerContractTest {

    @Test
    void readsThePublishedExample() {
        String wire = ContractValidator.example(EventTypes.USER_REGISTERED);
        assertThat(ContractValidator.violations(wire)).isEmpty();

        EventEnvelope event = EventCodec.decode(wire);
        UserRegistered payload = EventCodec.payloadFromJson(event, UserRegistered.class);

        assertThat(new UserEventsProjection().handles(event.type())).isTrue();
        assertThat(event.aggregateId()).isEqualTo(payload.userId());
        assertThat(payload.displayName()).isEqualTo("Ada Lovelace");
        assertThat(payload.roles()).containsExactly("host");
        assertThat(payload.registeredAt()).isNotNull();
    }

    @Test
    void refusesSomethingThatIsNotAnEnvelope() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"user.registered\"}"))
                .isInstanceOf(EventCodec.MalformedEventException.class);
        assertThatThrownBy(() -> EventCodec.decode("not json")).isInstanceOf(EventCodec.MalformedEventException.class);
    }
}
