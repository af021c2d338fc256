package io.quizplatform.quiz.application;

import io.quizplatform.contracts.AnswerRejected;
import io.quizplatform.contracts.AnswerSubmitted;
import io.quizplatform.contracts.QuestionTallied;

import java.util.List;

/**
 * answer-app's decisions on one game's answers, as read from answer-events in one poll (already applied to
 * {@link LiveAnswers}). Handed by the fan-out on every instance to {@code live.LiveGameNews}, so each tells its own
 * connections.
 */
public record AnswersDecided(String gameId, List<AnswerSubmitted> accepted, List<AnswerRejected> rejected,
                             List<QuestionTallied> tallies) {
}
