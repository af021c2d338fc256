package io.quizplatform.quiz.application;

import io.quizplatform.platform.persistence.ReportedByCaller;

/**
 * A published quiz changed by someone who neither owns it nor is an admin. Marked {@link ReportedByCaller}: it leaves
 * {@link QuizAuthoring}'s transactions as an answer, not as a failure.
 */
@ReportedByCaller
public final class NotYourQuiz extends RuntimeException {

    public NotYourQuiz() {
        super("Only the quiz's owner (or an admin) can change it.");
    }
}
