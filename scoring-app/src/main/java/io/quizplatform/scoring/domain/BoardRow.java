package io.quizplatform.scoring.domain;

/** One line of the board after a question, best first. */
public record BoardRow(String playerId, String nickname, int total, int correctAnswers, int answers,
                       long totalResponseMs, StreakState streak, boolean answered, int points, int bonus, Boolean correct)
        implements Ranking.Ranked {
}
