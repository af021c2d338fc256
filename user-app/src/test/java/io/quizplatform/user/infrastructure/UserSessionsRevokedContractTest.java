package io.quizplatform.user.infrastructure;

import io.quizplatform.contracts.ContractValidator;
import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.contracts.UserSessionsRevoked;
import io.quizplatform.platform.messaging.EventCodec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Producer side of the user.sessions-revoked contract. */
class UserSessionsRevokedContractTest {

    @Test
    void producedEventHonoursThePublishedSchema() {
        String userId = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (String reason : new String[] {UserSessionsRevoked.PASSWORD_CHANGED, UserSessionsRevoked.ACCOUNT_LOCKED}) {
            String payload = EventCodec.payloadToJson(new UserSessionsRevoked(userId,
                    Instant.ofEpochSecond(now.getEpochSecond() + 1), reason, now));
            String wire = EventCodec.encode(EventEnvelope.newEvent(EventTypes.USER_SESSIONS_REVOKED, "user", userId, 3, now, payload));

            assertThat(ContractValidator.violations(wire)).isEmpty();
        }
        assertThat(EventTypes.topicOf(EventTypes.USER_SESSIONS_REVOKED).topicName()).isEqualTo("user-events");
    }

    @Test
    void anUnknownReasonBreaksTheContract() {
        String userId = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String payload = EventCodec.payloadToJson(new UserSessionsRevoked(userId, now, "felt-like-it", now));
        String wire = EventCodec.encode(EventEnvelope.newEvent(EventTypes.USER_SESSIONS_REVOKED, "user", userId, 3, now, payload));

        assertThat(ContractValidator.violations(wire)).isNotEmpty();
    }
}
