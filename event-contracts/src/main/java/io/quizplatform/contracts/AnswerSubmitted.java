package io.quizplatform.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code answer.submitted}: an answer that counts. {@code correct} is {@code null} (absent on the wire) for polls; the
 * chosen-option counts let scoring give partial credit on multiple choice without the answer key.
 *
 * @param responseMs from the moment the question was shown to the player (the question's opening, moved later by at
 *                   most answer-app's {@code answer.fair.timing.max.compensation.ms} when the answer's {@code shownAt}
 *                   says the player's connection was sent it later) to the server's receipt of the answer
 */
public record AnswerSubmitted(String answerId, String gameId, String playerId, int questionIndex, List<String> optionIds,
                              String text, Boolean correct, int correctChosen, int wrongChosen, int correctTotal,
                              long responseMs, int timeLimitSeconds, int points, Instant receivedAt) {
}
