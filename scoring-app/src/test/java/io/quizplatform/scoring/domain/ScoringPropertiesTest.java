package io.quizplatform.scoring.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The scoring rules hold for any points, time limit, response time and sequence of answers. */
class ScoringPropertiesTest {

    @Provide
    Arbitrary<Integer> questionPoints() {
        return Arbitraries.of(1000, 2000);
    }

    @Property
    void fasterNeverScoresLess(@ForAll("questionPoints") int points, @ForAll @IntRange(min = 5, max = 240) int limit,
                               @ForAll @LongRange(min = 0, max = 480_000) long a, @ForAll @LongRange(min = 0, max = 480_000) long b) {
        long faster = Math.min(a, b);
        long slower = Math.max(a, b);
        assertThat(Points.forCorrect(points, faster, limit, true)).isGreaterThanOrEqualTo(Points.forCorrect(points, slower, limit, true));
    }

    @Property
    void aCorrectAnswerScoresBetweenHalfAndAllOfThePoints(@ForAll("questionPoints") int points,
                                                         @ForAll @IntRange(min = 5, max = 240) int limit,
                                                         @ForAll @LongRange(min = 0, max = 480_000) long responseMs) {
        int scored = Points.forCorrect(points, responseMs, limit, true);
        assertThat(scored).isBetween(points / 2, points);
        if (responseMs < 500) {
            assertThat(scored).isEqualTo(points);
        }
        assertThat(Points.forCorrect(points, responseMs, limit, false)).as("speed scoring off").isEqualTo(points);
    }

    @Property
    void wrongAnswersPollsAndZeroPointQuestionsScoreNothingAndPartialAnswersNeverBeatRightOnes(
            @ForAll("questionPoints") int points, @ForAll @IntRange(min = 5, max = 240) int limit,
            @ForAll @LongRange(min = 0, max = 240_000) long responseMs,
            @ForAll @IntRange(min = 0, max = 6) int correctChosen, @ForAll @IntRange(min = 0, max = 6) int wrongChosen,
            @ForAll @IntRange(min = 2, max = 6) int correctTotal) {
        assertThat(Points.forAnswer(points, false, 0, 1, 1, responseMs, limit, true)).isZero();
        assertThat(Points.forAnswer(points, null, 1, 0, 1, responseMs, limit, true)).as("poll").isZero();
        assertThat(Points.forAnswer(0, true, 1, 0, 1, responseMs, limit, true)).as("0-point question").isZero();
        int chosen = Math.min(correctChosen, correctTotal);
        int partial = Points.forAnswer(points, false, chosen, wrongChosen, correctTotal, responseMs, limit, true);
        assertThat(partial).isBetween(0, Points.forCorrect(points, responseMs, limit, true));
    }

    record Answer(int points, Boolean correct, boolean counts, long responseMs, boolean answered) {
    }

    @Provide
    Arbitrary<List<Answer>> games() {
        Arbitrary<Answer> answer = Combinators.combine(
                Arbitraries.of(0, 1000, 2000), Arbitraries.of(Boolean.TRUE, Boolean.FALSE, null),
                Arbitraries.longs().between(0, 240_000), Arbitraries.of(true, true, true, false))
                .as((points, correct, ms, answered) -> new Answer(points, correct, points > 0 && correct != null, ms, answered));
        return answer.list().ofMinSize(1).ofMaxSize(100);
    }

    @Property
    void theTotalIsTheSumOfEachQuestionsPointsAndBonusesStayCapped(@ForAll("games") List<Answer> answers,
                                                                   @ForAll boolean streakBonus) {
        PlayerScore score = new PlayerScore("p");
        int expectedStreak = 0;
        for (int i = 0; i < answers.size(); i++) {
            Answer a = answers.get(i);
            if (a.answered()) {
                int points = Points.forAnswer(a.points(), a.correct(), 0, 0, 1, a.responseMs(), 20, true);
                PlayerScore.QuestionPoints q = score.answered(i, points, a.correct(), a.counts(), a.responseMs(), streakBonus).orElseThrow();
                assertThat(q.bonus()).isBetween(0, Streak.MAX_BONUS);
                if (!streakBonus || !Boolean.TRUE.equals(a.correct())) {
                    assertThat(q.bonus()).isZero();
                }
                if (a.counts()) {
                    expectedStreak = Boolean.TRUE.equals(a.correct()) ? expectedStreak + 1 : 0;
                }
                // Scoring the same question again (a redelivered answer) changes nothing.
                assertThat(score.answered(i, points, a.correct(), a.counts(), a.responseMs(), streakBonus)).isEmpty();
            } else {
                score.missed(i, a.points() > 0 && a.correct() != null);
                if (a.points() > 0 && a.correct() != null) {
                    expectedStreak = 0;
                }
            }
            assertThat(score.streak().length()).isEqualTo(expectedStreak);
        }
        assertThat(score.total()).isEqualTo(score.byQuestion().values().stream().mapToInt(PlayerScore.QuestionPoints::total).sum());
    }
}
