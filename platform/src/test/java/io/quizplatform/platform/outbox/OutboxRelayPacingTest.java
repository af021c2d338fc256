package io.quizplatform.platform.outbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When the relay looks again after a step that did not fail: it sleeps unless there is a reason not to. */
class OutboxRelayPacingTest {

    @Test
    void nothingLeftToSendSleepsUntilWokenOrTheNextLookOfItsOwn() {
        assertThat(OutboxRelay.waitAfter(new OutboxBatch.Result(true, 0, 0, null), 200, 10_000)).isEqualTo(10_000);
        assertThat(OutboxRelay.waitAfter(new OutboxBatch.Result(true, 3, 3, null), 200, 10_000)).isEqualTo(10_000);
    }

    @Test
    void aFullBatchMeansMoreRowsAreWaiting() {
        assertThat(OutboxRelay.waitAfter(new OutboxBatch.Result(true, 200, 200, null), 200, 10_000)).isZero();
    }

    @Test
    void anotherRelayHoldingTheLockIsAskedAgainSoonNotAtTheNextLook() {
        assertThat(OutboxRelay.waitAfter(new OutboxBatch.Result(false, 0, 0, null), 200, 10_000))
                .isEqualTo(OutboxRelay.BUSY_RETRY_MILLIS);
        assertThat(OutboxRelay.waitAfter(new OutboxBatch.Result(false, 0, 0, null), 200, 50)).isEqualTo(50);
    }
}
