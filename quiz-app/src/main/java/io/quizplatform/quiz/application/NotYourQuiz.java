package io.quizplatform.quiz.application;

import io.quizplatform.platform.persistence.ReportedByCaller;

/**
 * A published quiz changed (or copied, or exported) by someone who neither owns it nor is an admin. Marked {@link ReportedByCaller}: it leaves
 * {@link QuizAuthoring}'s transactions as an answer, not as a failure.
 */
@ReportedByCaller
public final class NotYourQuiz extends RuntimeException {

    public NotYourQuiz() {
        this("Only the quiz's owner (or an admin) can change it.");
    }

    public NotYourQuiz(String why) {
        super(why);
    }
}
