package io.quizplatform.contracts;

import java.time.Instant;

/** Payload of {@code game.ended}. @param reason COMPLETED or ENDED_BY_HOST */
public record GameEnded(String reason, Instant at) {
}
