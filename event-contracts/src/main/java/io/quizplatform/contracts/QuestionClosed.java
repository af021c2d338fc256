package io.quizplatform.contracts;

import java.time.Instant;

/** Payload of {@code game.question-closed}. @param reason TIME_UP, ALL_ANSWERED or SKIPPED */
public record QuestionClosed(int questionIndex, String reason, Instant at) {
}
