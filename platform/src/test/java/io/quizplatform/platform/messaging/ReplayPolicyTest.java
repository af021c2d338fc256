package io.quizplatform.platform.messaging;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static io.quizplatform.platform.messaging.ReplayPolicy.Decision.ALREADY_REPLAYED;
import static io.quizplatform.platform.messaging.ReplayPolicy.Decision.NOT_AN_EVENT;
import static io.quizplatform.platform.messaging.ReplayPolicy.Decision.REPLAY;
import static org.assertj.core.api.Assertions.assertThat;

class ReplayPolicyTest {

    static DeadLetterReplay previous(String outcome) {
        return new DeadLetterReplay(UUID.randomUUID().toString(), outcome, null, Instant.now(), "u1", null, 1);
    }

    @Test
    void aRecordNeverReplayedOrWhoseReplayFailedIsReplayed() {
        assertThat(ReplayPolicy.decide(true, null, false)).isEqualTo(REPLAY);
        assertThat(ReplayPolicy.decide(true, previous("failed"), false)).isEqualTo(REPLAY);
        assertThat(ReplayPolicy.decide(true, previous("failed"), true)).isEqualTo(REPLAY);
    }

    @Test
    void aSuccessfulReplayIsNotRepeatedUnlessForced() {
        assertThat(ReplayPolicy.decide(true, previous("applied"), false)).isEqualTo(ALREADY_REPLAYED);
        assertThat(ReplayPolicy.decide(true, previous("duplicate"), false)).isEqualTo(ALREADY_REPLAYED);
        assertThat(ReplayPolicy.decide(true, previous("applied"), true)).isEqualTo(REPLAY);
        assertThat(ReplayPolicy.decide(true, previous("duplicate"), true)).isEqualTo(REPLAY);
    }

    @Test
    void somethingThatIsNotAnEventIsNeverReplayedEvenForced() {
        assertThat(ReplayPolicy.decide(false, null, false)).isEqualTo(NOT_AN_EVENT);
        assertThat(ReplayPolicy.decide(false, null, true)).isEqualTo(NOT_AN_EVENT);
    }

    @Test
    void outcomesHaveLowerCaseWireNames() {
        assertThat(ReplayOutcome.APPLIED.wireName()).isEqualTo("applied");
        assertThat(ReplayOutcome.fromWire("duplicate")).isEqualTo(ReplayOutcome.DUPLICATE);
        assertThat(ReplayOutcome.FAILED.successful()).isFalse();
        assertThat(ReplayOutcome.DUPLICATE.successful()).isTrue();
    }
}
