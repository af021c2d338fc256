package io.quizplatform.scoring.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerScoreTest {

    private static AnswerScore.Answer right(int q, long ms) {
        return new AnswerScore.Answer(q, 1000, true, 1, 0, 1, ms, 20);
    }

    @Test
    void aStreakGrowsOverConsecutiveCountingQuestions() {
        AnswerScore first = AnswerScore.of(right(0, 0), StreakState.NONE, -1, true, true);
        AnswerScore second = AnswerScore.of(right(1, 0), first.streak(), 0, true, true);
        AnswerScore third = AnswerScore.of(right(2, 0), second.streak(), 1, true, true);
        assertThat(first.bonus()).isZero();
        assertThat(second.bonus()).isEqualTo(100);
        assertThat(third.bonus()).isEqualTo(200);
        assertThat(third.total()).isEqualTo(1200);
    }

    @Test
    void aSkippedCountingQuestionEndsTheStreakWithoutAnyoneRecordingTheMiss() {
        AnswerScore first = AnswerScore.of(right(0, 0), StreakState.NONE, -1, true, true);
        AnswerScore second = AnswerScore.of(right(1, 0), first.streak(), 0, true, true);
        // question 2 counted and the player did not answer it; question 3 is the next answer
        AnswerScore fourth = AnswerScore.of(right(3, 0), second.streak(), 2, true, true);
        assertThat(fourth.bonus()).isZero();
        assertThat(fourth.streak().length()).isEqualTo(1);
        assertThat(second.streak().shownAfter(2)).isZero();
        assertThat(second.streak().shownAfter(1)).isEqualTo(2);
    }

    @Test
    void pollsInBetweenNeitherExtendNorEndIt() {
        AnswerScore first = AnswerScore.of(right(0, 0), StreakState.NONE, -1, true, true);
        AnswerScore poll = AnswerScore.of(new AnswerScore.Answer(1, 0, null, 0, 0, 0, 3000, 20), first.streak(), 0, true, true);
        AnswerScore third = AnswerScore.of(right(2, 0), poll.streak(), 0, true, true);
        assertThat(poll.total()).isZero();
        assertThat(poll.streak()).isEqualTo(first.streak());
        assertThat(third.bonus()).isEqualTo(100);
    }

    @Test
    void wrongAnswersEndItAndStreaksCanBeSwitchedOff() {
        AnswerScore first = AnswerScore.of(right(0, 0), StreakState.NONE, -1, true, false);
        AnswerScore second = AnswerScore.of(right(1, 0), first.streak(), 0, true, false);
        assertThat(second.bonus()).isZero();
        assertThat(second.streak().length()).isEqualTo(2);
        AnswerScore wrong = AnswerScore.of(new AnswerScore.Answer(2, 1000, false, 0, 1, 1, 100, 20), second.streak(), 1, true, true);
        assertThat(wrong.total()).isZero();
        assertThat(wrong.streak()).isEqualTo(StreakState.NONE);
    }

    /**
     * The stored-state scoring (what scoring-app does answer by answer) agrees with {@link PlayerScore}, the model
     * that is told about every missed question, over generated games.
     */
    @Test
    void agreesWithThePlayerScoreModelOverGeneratedGames() {
        Random random = new Random(Long.getLong("scoring.seed", 20261126L));
        for (int game = 0; game < 2000; game++) {
            int questions = 1 + random.nextInt(12);
            List<Boolean> counting = new ArrayList<>();
            for (int q = 0; q < questions; q++) {
                counting.add(random.nextInt(5) != 0);
            }
            boolean streaks = random.nextBoolean();
            PlayerScore model = new PlayerScore("p");
            StreakState state = StreakState.NONE;
            int total = 0;
            int lastCounting = -1;
            for (int q = 0; q < questions; q++) {
                boolean counts = counting.get(q);
                int outcome = random.nextInt(3); // 0 missed, 1 right, 2 wrong
                if (outcome == 0) {
                    model.missed(q, counts);
                } else {
                    Boolean correct = counts ? outcome == 1 : null;
                    AnswerScore.Answer answer = new AnswerScore.Answer(q, counts ? 1000 : 0, correct, outcome == 1 ? 1 : 0,
                            outcome == 2 ? 1 : 0, 1, random.nextInt(20_000), 20);
                    AnswerScore score = AnswerScore.of(answer, state, lastCounting, true, streaks);
                    state = score.streak();
                    total += score.total();
                    int points = Points.forAnswer(answer.questionPoints(), correct, answer.correctChosen(), answer.wrongChosen(),
                            1, answer.responseMs(), 20, true);
                    model.answered(q, points, correct, counts, answer.responseMs(), streaks);
                }
                if (counts) {
                    lastCounting = q;
                }
            }
            assertThat(total).as("game %d", game).isEqualTo(model.total());
            assertThat(state.shownAfter(lastCounting)).as("game %d", game).isEqualTo(model.streak().length());
        }
    }

    /** Re-scoring a player's answers from storage gives the bonuses that scoring them one by one, in order, gave. */
    @Test
    void rescoringStoredAnswersGivesTheBonusesOfScoringThemInOrder() {
        Random random = new Random(Long.getLong("scoring.seed", 20261126L) + 1);
        for (int game = 0; game < 2000; game++) {
            int questions = 1 + random.nextInt(12);
            List<Boolean> counting = new ArrayList<>();
            for (int q = 0; q < questions; q++) {
                counting.add(random.nextInt(5) != 0);
            }
            java.util.function.IntUnaryOperator previous = q -> {
                for (int i = q - 1; i >= 0; i--) {
                    if (counting.get(i)) {
                        return i;
                    }
                }
                return -1;
            };
            StreakState state = StreakState.NONE;
            List<Integer> bonuses = new ArrayList<>();
            List<AnswerScore.Stored> stored = new ArrayList<>();
            for (int q = 0; q < questions; q++) {
                if (random.nextInt(3) == 0) {
                    continue; // not answered
                }
                Boolean correct = counting.get(q) ? random.nextBoolean() : null;
                AnswerScore score = AnswerScore.of(new AnswerScore.Answer(q, counting.get(q) ? 1000 : 0, correct,
                        Boolean.TRUE.equals(correct) ? 1 : 0, 0, 1, random.nextInt(20_000), 20), state, previous.applyAsInt(q), true, true);
                state = score.streak();
                bonuses.add(score.bonus());
                stored.add(new AnswerScore.Stored(q, correct, counting.get(q)));
            }
            AnswerScore.Rescored rescored = AnswerScore.rescore(stored, previous, true);
            assertThat(rescored.bonuses()).as("game %d", game).isEqualTo(bonuses);
            assertThat(rescored.streak()).as("game %d", game).isEqualTo(state);
        }
    }
}
