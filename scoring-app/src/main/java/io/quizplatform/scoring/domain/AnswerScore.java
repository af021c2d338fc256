package io.quizplatform.scoring.domain;

/**
 * What one accepted answer earns: {@link Points} for the answer, {@link Streak} for the bonus, and the player's
 * streak afterwards.
 *
 * @param points the answer's points without the bonus
 * @param bonus  the streak bonus (0 with streaks switched off)
 */
public record AnswerScore(int points, int bonus, StreakState streak) {

    public int total() { return points + bonus; }

    /** The facts of an answer as answer-app decided it (see answer.submitted). */
    public record Answer(int questionIndex, int questionPoints, Boolean correct, int correctChosen, int wrongChosen,
                         int correctTotal, long responseMs, int timeLimitSeconds) {

        /** Polls ({@code correct} null) and 0-point questions neither score nor touch the streak. */
        public boolean counts() {
            return correct != null && questionPoints > 0;
        }
    }

    /**
     * @param before                    the player's streak before this answer
     * @param previousCountingQuestion  the last counting question before this one in the game (-1 if none)
     */
    public static AnswerScore of(Answer answer, StreakState before, int previousCountingQuestion, boolean speedScoring,
                                 boolean streakBonus) {
        int points = Points.forAnswer(answer.questionPoints(), answer.correct(), answer.correctChosen(), answer.wrongChosen(),
                answer.correctTotal(), answer.responseMs(), answer.timeLimitSeconds(), speedScoring);
        if (!answer.counts()) {
            return new AnswerScore(points, 0, before);
        }
        if (!answer.correct()) {
            return new AnswerScore(points, 0, StreakState.NONE);
        }
        int length = before.runsThrough(previousCountingQuestion) ? before.length() + 1 : 1;
        int bonus = streakBonus ? new Streak(length).bonus() : 0;
        return new AnswerScore(points, bonus, new StreakState(length, answer.questionIndex()));
    }
}
