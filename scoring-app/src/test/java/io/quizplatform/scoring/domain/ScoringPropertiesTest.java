package io.quizplatform.scoring.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scoring rules hold for any points, time limit, response time and sequence of answers: each property is
 * checked on 2,000 generated cases plus the boundaries (0 ms, 499/500 ms, the time limit, twice the limit).
 * Cases come from a fixed seed so a failure reproduces; {@code -Dscoring.seed=...} tries others.
 */
class ScoringPropertiesTest {

    private static final int CASES = 2_000;
    private static final long SEED = Long.getLong("scoring.seed", 20261125L);

    private final Random random = new Random(SEED);

    private int points() {
        return random.nextBoolean() ? 1000 : 2000;
    }

    private int limit() {
        return 5 + random.nextInt(236);
    }

    /** A response time, often at a boundary. */
    private long responseMs(int limitSeconds) {
        long[] edges = {0, 499, 500, limitSeconds * 1000L - 1, limitSeconds * 1000L, limitSeconds * 2000L};
        return random.nextInt(4) == 0 ? edges[random.nextInt(edges.length)] : (long) random.nextInt(limitSeconds * 2000 + 1);
    }

    private String seed() {
        return " (seed " + SEED + ")";
    }

    @Test
    void fasterNeverScoresLess() {
        for (int i = 0; i < CASES; i++) {
            int points = points();
            int limit = limit();
            long a = responseMs(limit);
            long b = responseMs(limit);
            long faster = Math.min(a, b);
            long slower = Math.max(a, b);
            assertThat(Points.forCorrect(points, faster, limit, true))
                    .as("P=%d T=%d s, %d ms vs %d ms%s", points, limit, faster, slower, seed())
                    .isGreaterThanOrEqualTo(Points.forCorrect(points, slower, limit, true));
        }
    }

    @Test
    void aCorrectAnswerScoresBetweenHalfAndAllOfThePoints() {
        for (int i = 0; i < CASES; i++) {
            int points = points();
            int limit = limit();
            long ms = responseMs(limit);
            int scored = Points.forCorrect(points, ms, limit, true);
            assertThat(scored).as("P=%d T=%d s t=%d ms%s", points, limit, ms, seed()).isBetween(points / 2, points);
            if (ms < 500) {
                assertThat(scored).as("full points under half a second" + seed()).isEqualTo(points);
            }
            assertThat(Points.forCorrect(points, ms, limit, false)).as("speed scoring off" + seed()).isEqualTo(points);
        }
    }

    @Test
    void wrongAnswersPollsAndZeroPointQuestionsScoreNothingAndPartialAnswersNeverBeatRightOnes() {
        for (int i = 0; i < CASES; i++) {
            int points = points();
            int limit = limit();
            long ms = responseMs(limit);
            assertThat(Points.forAnswer(points, false, 0, 1, 1, ms, limit, true)).isZero();
            assertThat(Points.forAnswer(points, null, 1, 0, 1, ms, limit, true)).as("poll").isZero();
            assertThat(Points.forAnswer(0, true, 1, 0, 1, ms, limit, true)).as("0-point question").isZero();
            int correctTotal = 2 + random.nextInt(5);
            int correctChosen = random.nextInt(correctTotal + 1);
            int wrongChosen = random.nextInt(7 - correctTotal);
            int partial = Points.forAnswer(points, false, correctChosen, wrongChosen, correctTotal, ms, limit, true);
            assertThat(partial).as("%d right, %d wrong of %d%s", correctChosen, wrongChosen, correctTotal, seed())
                    .isBetween(0, Points.forCorrect(points, ms, limit, true));
        }
    }

    private record Answer(int points, Boolean correct, long responseMs, boolean answered) {
        boolean counts() {
            return points > 0 && correct != null;
        }
    }

    private List<Answer> game() {
        int questions = 1 + random.nextInt(100);
        List<Answer> answers = new ArrayList<>(questions);
        Boolean[] outcomes = {Boolean.TRUE, Boolean.FALSE, null};
        int[] worth = {0, 1000, 2000};
        for (int q = 0; q < questions; q++) {
            answers.add(new Answer(worth[random.nextInt(3)], outcomes[random.nextInt(3)], responseMs(20), random.nextInt(4) > 0));
        }
        return answers;
    }

    @Test
    void theTotalIsTheSumOfEachQuestionsPointsStreaksFollowTheRulesAndBonusesStayCapped() {
        for (int g = 0; g < CASES / 4; g++) {
            List<Answer> answers = game();
            boolean streakBonus = random.nextBoolean();
            PlayerScore score = new PlayerScore("p");
            int expectedStreak = 0;
            for (int i = 0; i < answers.size(); i++) {
                Answer a = answers.get(i);
                if (a.answered()) {
                    int points = Points.forAnswer(a.points(), a.correct(), 0, 0, 1, a.responseMs(), 20, true);
                    PlayerScore.QuestionPoints q = score.answered(i, points, a.correct(), a.counts(), a.responseMs(), streakBonus).orElseThrow();
                    assertThat(q.bonus()).as("game %s%s", answers, seed()).isBetween(0, Streak.MAX_BONUS);
                    if (!streakBonus || !Boolean.TRUE.equals(a.correct())) {
                        assertThat(q.bonus()).isZero();
                    }
                    if (a.counts()) {
                        expectedStreak = Boolean.TRUE.equals(a.correct()) ? expectedStreak + 1 : 0;
                    }
                    // Scoring the same question again (a redelivered answer) changes nothing.
                    assertThat(score.answered(i, points, a.correct(), a.counts(), a.responseMs(), streakBonus)).isEmpty();
                } else {
                    score.missed(i, a.counts());
                    if (a.counts()) {
                        expectedStreak = 0;
                    }
                }
                assertThat(score.streak().length()).as("streak after question %d of %s%s", i, answers, seed()).isEqualTo(expectedStreak);
            }
            assertThat(score.total()).isEqualTo(score.byQuestion().values().stream().mapToInt(PlayerScore.QuestionPoints::total).sum());
        }
    }
}
