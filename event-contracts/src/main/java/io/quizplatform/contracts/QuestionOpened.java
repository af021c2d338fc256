package io.quizplatform.contracts;

import java.time.Instant;

/** Payload of {@code game.question-opened}: answers count from {@code at} until {@code closesAt}. */
public record QuestionOpened(int questionIndex, Instant at, Instant closesAt) {
}
