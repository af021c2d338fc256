package io.quizplatform.contracts;

import java.time.Instant;

/** Payload of {@code game.ended}. @param reason COMPLETED, ENDED_BY_HOST or IDLE (the server ended a game left idle) */
public record GameEnded(String reason, Instant at) {
}
