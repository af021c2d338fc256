package io.quizplatform.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code game.answer-received}: what a player sent, stamped when the server received it. The envelope's
 * id is {@link #answerId}, so a resent answer is applied once.
 *
 * @param optionIds the chosen options (choice questions), empty for type-the-answer
 * @param text      the typed answer (type-the-answer), {@code null} otherwise
 */
public record AnswerReceived(String answerId, String gameId, String playerId, int questionIndex, List<String> optionIds,
                             String text, Instant receivedAt) {
}
