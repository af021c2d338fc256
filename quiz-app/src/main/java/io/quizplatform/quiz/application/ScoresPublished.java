package io.quizplatform.quiz.application;

import io.quizplatform.contracts.GameFinalizationFailed;
import io.quizplatform.contracts.GameFinalized;
import io.quizplatform.contracts.QuestionScored;

import java.util.List;

/**
 * scoring-app's news of one game, as read from scoring-events in one poll (already applied to {@link LiveScores}):
 * parts of question boards in the order they came, and the game's podium or word that its final scores could not
 * be completed ({@code null} when the poll had none; the last one read if it had several). Handed on every
 * instance to {@code live.LiveGameNews}, so each tells its own connections.
 */
public record ScoresPublished(String gameId, List<QuestionScored> parts, GameFinalized finalized,
                              GameFinalizationFailed failed) {
}
