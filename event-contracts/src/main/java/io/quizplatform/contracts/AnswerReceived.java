package io.quizplatform.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code game.answer-received}: what a player sent, stamped when the server received it. The envelope's
 * id is {@link #answerId}, so a resent answer is applied once.
 *
 * @param optionIds the chosen options (choice questions), empty for type-the-answer
 * @param text      the typed answer (type-the-answer), {@code null} otherwise
 * @param shownAt   when the receiving quiz-app instance first wrote the open question to this player's connection
 *                  (server clock, never the client's); {@code null} (absent on the wire) when that instance did not
 *                  (an older quiz-app, or an answer sent before its welcome was written). answer-app counts the
 *                  response time from it, within a bound (docs/ARCHITECTURE.md, "How an answer travels").
 */
public record AnswerReceived(String answerId, String gameId, String playerId, int questionIndex, List<String> optionIds,
                             String text, Instant receivedAt, Instant shownAt) {
}
