package io.quizplatform.scoring.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

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

    /** A scored answer as stored, for {@link #rescore}. */
    public record Stored(int questionIndex, Boolean correct, boolean counts) {
    }

    /** The streak bonuses of a player's answers, recomputed, and the streak after the last of them. */
    public record Rescored(List<Integer> bonuses, StreakState streak) {
    }

    /**
     * Recomputes the streak bonuses of all a player's answers, in question order: what an answer that arrived late
     * (replayed from the dead-letter topic after later ones were scored) changes for the answers after it.
     *
     * @param previousCounting the last counting question before a given one (-1 if none)
     */
    public static Rescored rescore(List<Stored> inQuestionOrder, IntUnaryOperator previousCounting, boolean streakBonus) {
        StreakState streak = StreakState.NONE;
        List<Integer> bonuses = new ArrayList<>(inQuestionOrder.size());
        for (Stored answer : inQuestionOrder) {
            if (!answer.counts() || answer.correct() == null) {
                bonuses.add(0);
            } else if (!answer.correct()) {
                streak = StreakState.NONE;
                bonuses.add(0);
            } else {
                int length = streak.runsThrough(previousCounting.applyAsInt(answer.questionIndex())) ? streak.length() + 1 : 1;
                streak = new StreakState(length, answer.questionIndex());
                bonuses.add(streakBonus ? new Streak(length).bonus() : 0);
            }
        }
        return new Rescored(bonuses, streak);
    }
}
