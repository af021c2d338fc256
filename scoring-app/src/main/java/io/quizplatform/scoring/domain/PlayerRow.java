package io.quizplatform.scoring.domain;

/** A player's row as scoring changes it. */
public final class PlayerRow {
    public final String playerId;
    public int total;
    public int correctAnswers;
    public int answered;
    public long totalResponseMs;
    public StreakState streak = StreakState.NONE;
    public int lastQuestion = -1;

    public PlayerRow(String playerId) {
        this.playerId = playerId;
    }
}
