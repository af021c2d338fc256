package io.quizplatform.contracts;

import java.time.Instant;

/** Payload of {@code game.player-joined}. */
public record PlayerJoined(String playerId, String nickname, Instant at) {
}
