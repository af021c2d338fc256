package io.quizplatform.user.infrastructure;

import io.quizplatform.contracts.ContractValidator;
import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.contracts.UserRegistered;
import io.quizplatform.platform.messaging.EventCodec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Producer side of the user.registered contract: what user-app writes to the outbox honours the schema. */
class UserRegisteredContractTest {

    @Test
    void producedEventHonoursThePublishedSchema() {
        String userId = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String payload = EventCodec.payloadToJson(new UserRegistered(userId, "Ada Lovelace", List.of("host"), now));
        String wire = EventCodec.encode(EventEnvelope.newEvent(EventTypes.USER_REGISTERED, "user", userId, 1, now, payload));

        assertThat(ContractValidator.violations(wire)).isEmpty();
        assertThat(EventTypes.topicOf(EventTypes.USER_REGISTERED).topicName()).isEqualTo("user-events");
    }
}
