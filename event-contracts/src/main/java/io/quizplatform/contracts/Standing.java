package io.quizplatform.contracts;

/** A player's place on a game's leaderboard, as the host's screen and the podium show it. */
public record Standing(int rank, String playerId, String nickname, int total, int correctAnswers) {
}
