package io.quizplatform.scoring.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScoringExamplesTest {

    @Test
    void speedScoringAsDocumented() {
        assertThat(Points.forCorrect(1000, 400, 20, true)).isEqualTo(1000);
        assertThat(Points.forCorrect(1000, 10_000, 20, true)).isEqualTo(750);
        assertThat(Points.forCorrect(1000, 20_000, 20, true)).isEqualTo(500);
        assertThat(Points.forCorrect(2000, 5_000, 20, true)).isEqualTo(1750);
        assertThat(Points.forCorrect(1000, 25_000, 20, true)).as("a late stamp never goes below half").isEqualTo(500);
    }

    @Test
    void multipleChoicePartialCredit() {
        // 2 of 3 right options and no wrong one, at full speed: two thirds.
        assertThat(Points.forAnswer(1000, false, 2, 0, 3, 0, 20, true)).isEqualTo(667);
        // one right and one wrong cancel out
        assertThat(Points.forAnswer(1000, false, 1, 1, 3, 0, 20, true)).isZero();
        assertThat(Points.forAnswer(1000, true, 3, 0, 3, 10_000, 20, true)).isEqualTo(750);
    }

    @Test
    void streakBonusGrowsByAHundredFromTheSecondAndStopsAtFiveHundred() {
        Streak s = Streak.NONE;
        int[] expected = {0, 100, 200, 300, 400, 500, 500};
        for (int bonus : expected) {
            s = s.next(true);
            assertThat(s.bonus()).isEqualTo(bonus);
        }
        assertThat(s.next(false).bonus()).isZero();
    }

    @Test
    void tiesGoToTheFasterPlayer() {
        PlayerScore slow = new PlayerScore("a");
        slow.answered(0, 800, true, true, 9_000, true);
        PlayerScore fast = new PlayerScore("b");
        fast.answered(0, 800, true, true, 3_000, true);
        PlayerScore best = new PlayerScore("c");
        best.answered(0, 1000, true, true, 100, true);
        assertThat(Ranking.sorted(List.of(slow, fast, best))).extracting(PlayerScore::playerId).containsExactly("c", "b", "a");
    }

    @Test
    void onEqualTotalsAPlayerWhoDidNotAnswerNeverBeatsOneWhoAnsweredWrong() {
        PlayerScore silent = new PlayerScore("a");
        silent.missed(0, true);
        PlayerScore wrong = new PlayerScore("b");
        wrong.answered(0, 0, false, true, 19_500, true);
        assertThat(Ranking.sorted(List.of(silent, wrong))).extracting(PlayerScore::playerId).containsExactly("b", "a");
    }

    @Test
    void onEqualTotalsMoreAnswersGivenComeBeforeSpeed() {
        PlayerScore quickButSilentOnce = new PlayerScore("a");
        quickButSilentOnce.answered(0, 500, true, true, 1_000, false);
        quickButSilentOnce.missed(1, true);
        PlayerScore slowButAlwaysThere = new PlayerScore("b");
        slowButAlwaysThere.answered(0, 500, true, true, 9_000, false);
        slowButAlwaysThere.answered(1, 0, false, true, 15_000, false);
        assertThat(Ranking.sorted(List.of(quickButSilentOnce, slowButAlwaysThere)))
                .extracting(PlayerScore::playerId).containsExactly("b", "a");
    }
}
