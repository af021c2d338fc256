package io.quizplatform.quiz.application.live;

import io.quizplatform.quiz.application.AnswersDecided;
import io.quizplatform.quiz.application.ScoresPublished;

/**
 * What the fan-out consumer hands over after each poll, once it has applied it to this instance's view
 * ({@code LiveAnswers}, {@code LiveScores}): answer-app's decisions and scoring-app's scores of one game, for the
 * connections here. Implemented by {@link LiveResults}.
 */
public interface LiveGameNews {

    void answersDecided(AnswersDecided decided);

    void scoresPublished(ScoresPublished published);
}
