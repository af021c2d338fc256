package io.quizplatform.contracts;

import java.time.Instant;

/**
 * Payload of {@code answer.rejected}.
 *
 * @param reason  a stable code: already-answered, question-closed, question-not-open, too-late, kicked, not-a-player,
 *                unknown-game, invalid-answer
 * @param message a sentence the player's screen can show as it is
 */
public record AnswerRejected(String answerId, String gameId, String playerId, int questionIndex, String reason,
                             String message, Instant receivedAt) {
}
