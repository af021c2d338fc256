package io.quizplatform.platform.messaging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Lag = log end offset - the group's position, where the position is what the consumers resume from. */
class ConsumerLagTest {

    @Test
    void theRecordsBetweenTheCommittedOffsetAndTheLogEnd() {
        assertThat(ConsumerLag.lag(40L, 0, 100)).isEqualTo(60);
        assertThat(ConsumerLag.lag(100L, 0, 100)).isZero();
    }

    @Test
    void noCommittedOffsetMeansEverythingStillInTheLog() {
        assertThat(ConsumerLag.lag(null, 0, 0)).isZero();
        assertThat(ConsumerLag.lag(null, 0, 25)).isEqualTo(25);
        assertThat(ConsumerLag.lag(null, 10, 25)).isEqualTo(15);
    }

    @Test
    void aCommittedOffsetBelowTheLogStartCountsFromTheLogStart() {
        // Retention deleted records the group never read: it resumes at the earliest one left.
        assertThat(ConsumerLag.lag(5L, 50, 80)).isEqualTo(30);
    }

    @Test
    void neverNegative() {
        // An end offset read a moment before the commit it is compared with.
        assertThat(ConsumerLag.lag(120L, 0, 100)).isZero();
    }
}
