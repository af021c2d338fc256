package io.quizplatform.contracts;

import java.time.Instant;

/**
 * Payload of {@code game.finalization-failed}: the completion of a game gave up after its retries; the game is
 * finished with errors until an operator retries it.
 */
public record GameFinalizationFailed(String gameId, String step, String error, int attempts, Instant at) {
}
