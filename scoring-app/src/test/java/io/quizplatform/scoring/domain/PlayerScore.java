package io.quizplatform.scoring.domain;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference model the tests check scoring-app against: one player's score in one game, built question by
 * question and told about every question the player missed (scoring-app itself keeps only {@link StreakState}). Each question is scored once: scoring it again (a
 * redelivered answer) changes nothing.
 */
public final class PlayerScore implements Ranking.Ranked {

    /** What one question earned the player. */
    public record QuestionPoints(int questionIndex, int points, int bonus, Boolean correct, long responseMs) {
        public int total() { return points + bonus; }
    }

    private final String playerId;
    private final Map<Integer, QuestionPoints> byQuestion = new TreeMap<>();
    private Streak streak = Streak.NONE;
    private int total;
    private int correctCount;
    private long totalResponseMs;
    private int answers;

    public PlayerScore(String playerId) {
        this.playerId = playerId;
    }

    /**
     * Scores an answer. {@code counts} is false for polls and questions worth 0 points (they leave the streak
     * alone). Returns the question's points, or empty if the question was already scored.
     */
    public java.util.Optional<QuestionPoints> answered(int questionIndex, int points, Boolean correct, boolean counts,
                                                       long responseMs, boolean streakBonus) {
        if (byQuestion.containsKey(questionIndex)) {
            return java.util.Optional.empty();
        }
        int bonus = 0;
        if (counts) {
            streak = streak.next(Boolean.TRUE.equals(correct));
            bonus = streakBonus && Boolean.TRUE.equals(correct) ? streak.bonus() : 0;
        }
        QuestionPoints q = new QuestionPoints(questionIndex, points, bonus, correct, responseMs);
        byQuestion.put(questionIndex, q);
        total += q.total();
        if (Boolean.TRUE.equals(correct)) {
            correctCount++;
        }
        totalResponseMs += responseMs;
        answers++;
        return java.util.Optional.of(q);
    }

    /** The question closed without an answer from this player: a counting question ends the streak. */
    public void missed(int questionIndex, boolean counts) {
        if (byQuestion.containsKey(questionIndex)) {
            return;
        }
        if (counts) {
            streak = Streak.NONE;
        }
        byQuestion.put(questionIndex, new QuestionPoints(questionIndex, 0, 0, null, 0));
    }

    @Override
    public String playerId() { return playerId; }

    @Override
    public int total() { return total; }

    public int correctCount() { return correctCount; }

    @Override
    public int answers() { return answers; }

    @Override
    public long totalResponseMs() { return totalResponseMs; }

    public Streak streak() { return streak; }

    public Map<Integer, QuestionPoints> byQuestion() { return Collections.unmodifiableMap(byQuestion); }
}
