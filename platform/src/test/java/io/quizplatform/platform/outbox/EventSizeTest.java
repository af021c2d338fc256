package io.quizplatform.platform.outbox;

import io.quizplatform.platform.api.Problem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The outbox takes no event Kafka would refuse as one record: committed, such a row was refused for good and every
 * later event of the service waited behind it. Counted in UTF-8 bytes, as it is sent.
 */
class EventSizeTest {

    @Test
    void anEnvelopeUpToTheLimitIsTakenAndOneOverItIsRefusedNamingItsSize() {
        String atTheLimit = "a".repeat(Outbox.MAX_EVENT_BYTES);
        assertThat(Outbox.requireSendable("game.created", atTheLimit)).isSameAs(atTheLimit);
        // 300,001 three-byte characters: few UTF-16 units, over the limit in bytes.
        String over = "語".repeat(Outbox.MAX_EVENT_BYTES / 3 + 1);
        assertThatThrownBy(() -> Outbox.requireSendable("game.created", over))
                .isInstanceOfSatisfying(EventTooLarge.class, e -> {
                    Problem problem = e.toProblem();
                    assertThat(problem.status()).isEqualTo(422);
                    assertThat(problem.detail()).contains("game.created", "900003 bytes", "900000");
                    assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("body");
                });
    }
}
