package io.quizplatform.platform.outbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The outbox gauges between two refreshes. */
class PendingOutboxTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theOldestRowGoesOnAgeingAfterTheRefresh() {
        PendingOutbox seen = PendingOutbox.of(new OutboxBatch.Pending(3, 12.5), 100 * SECOND);
        assertThat(seen.rows()).isEqualTo(3);
        assertThat(seen.oldestAgeSeconds(100 * SECOND)).isCloseTo(12.5, within(1e-9));
        assertThat(seen.oldestAgeSeconds(120 * SECOND)).isCloseTo(32.5, within(1e-9));
    }

    @Test
    void nothingPendingIsAgeZero() {
        PendingOutbox empty = PendingOutbox.of(new OutboxBatch.Pending(0, 0), 0);
        assertThat(empty.rows()).isZero();
        assertThat(empty.oldestAgeSeconds(60 * SECOND)).isZero();
    }

    @Test
    void unknownReadsMinusOneOnBothGauges() {
        PendingOutbox unknown = PendingOutbox.unknown(0);
        assertThat(unknown.rows()).isEqualTo(-1);
        assertThat(unknown.oldestAgeSeconds(60 * SECOND)).isEqualTo(-1);
    }
}
