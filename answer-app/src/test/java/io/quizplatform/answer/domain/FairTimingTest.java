package io.quizplatform.answer.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A player's time runs from when the question was shown to them, within a bound; the time limit does not move. */
class FairTimingTest {

    private static final Instant OPENED = Instant.parse("2026-11-25T10:00:00Z");
    private static final FairTiming UP_TO_2_S = FairTiming.upToMillis(2000);
    private static final AnswerWindow OPEN = new AnswerWindow(0, OPENED, OPENED.plusSeconds(20), -1, false);

    private static long responseMs(long shownAfterMs, long receivedAfterMs) {
        return OPEN.responseMs(OPENED.plusMillis(receivedAfterMs), OPENED.plusMillis(shownAfterMs), UP_TO_2_S);
    }

    @Test
    void thePhoneServedLastIsNotPenalised() {
        // Shown at the opening, answered 500 ms later; shown 1.5 s late, answered 500 ms after that: the same time.
        assertThat(responseMs(0, 500)).isEqualTo(500);
        assertThat(responseMs(1500, 2000)).isEqualTo(500);
        // Shown at the opening and answered 2 s later: slower.
        assertThat(responseMs(0, 2000)).isEqualTo(2000);
    }

    @Test
    void withoutShownAtTheTimeRunsFromTheOpening() {
        assertThat(OPEN.responseMs(OPENED.plusMillis(1234), null, UP_TO_2_S)).isEqualTo(1234);
    }

    @Test
    void theStartMovesAtMostTheBound() {
        // Connected 10 s after the opening (on purpose, or on another instance): only 2 s are given back.
        assertThat(responseMs(10_000, 10_500)).isEqualTo(8_500);
        assertThat(responseMs(2_000, 2_300)).isEqualTo(300);
        assertThat(responseMs(2_001, 2_301)).isEqualTo(301);
    }

    @Test
    void neverNegativeAndNeverMoreThanFromTheOpening() {
        // A stamp before the opening (a skewed instance clock) counts as the opening.
        assertThat(responseMs(-5_000, 700)).isEqualTo(700);
        // An answer received before its own stamp (a client that answered before its welcome was written): 0.
        assertThat(responseMs(1_500, 1_200)).isZero();
        for (long shown : new long[]{-1000, 0, 300, 1999, 2000, 5000}) {
            for (long received : new long[]{0, 100, 1500, 2500, 19_999}) {
                assertThat(responseMs(shown, received)).as("shown %d, received %d", shown, received)
                        .isBetween(0L, received);
            }
        }
    }

    @Test
    void zeroSwitchesCompensationOffAndANegativeBoundMeansZero() {
        FairTiming off = FairTiming.upToMillis(0);
        assertThat(OPEN.responseMs(OPENED.plusMillis(2000), OPENED.plusMillis(1500), off)).isEqualTo(2000);
        assertThat(FairTiming.upToMillis(-5)).isEqualTo(off);
        assertThatThrownBy(() -> new FairTiming(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTimeLimitStaysOnTheOpening() {
        // However late it was shown, an answer at the opening + limit is too late.
        assertThat(OPEN.refusal(0, OPENED.plusSeconds(20))).contains(Refusal.TOO_LATE);
        assertThat(OPEN.refusal(0, OPENED.plusSeconds(20).minusMillis(1))).isEmpty();
    }
}
