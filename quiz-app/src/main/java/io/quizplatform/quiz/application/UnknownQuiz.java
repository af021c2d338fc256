package io.quizplatform.quiz.application;

import io.quizplatform.platform.persistence.ReportedByCaller;

import java.util.UUID;

/**
 * No quiz with this id that the actor can see: someone else's draft is not told apart from a missing quiz. Marked
 * {@link ReportedByCaller}: it leaves {@link QuizAuthoring}'s transactions as an answer, not as a failure.
 */
@ReportedByCaller
public final class UnknownQuiz extends RuntimeException {

    public UnknownQuiz(UUID quizId) {
        super("No quiz with id " + quizId + " that you can see.");
    }
}
