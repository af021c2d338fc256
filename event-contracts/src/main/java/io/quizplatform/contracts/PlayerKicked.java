package io.quizplatform.contracts;

import java.time.Instant;

/** Payload of {@code game.player-kicked}. */
public record PlayerKicked(String playerId, Instant at) {
}
