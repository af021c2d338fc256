package io.quizplatform.contracts;

import java.time.Instant;
import java.util.List;

/** Payload of {@code game.finalized}: every answer of the ended game is scored, the scores are final, the report is built. */
public record GameFinalized(String gameId, int players, int questions, List<Standing> podium, Instant at) {
}
