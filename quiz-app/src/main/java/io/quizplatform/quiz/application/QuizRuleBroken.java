package io.quizplatform.quiz.application;

import io.quizplatform.platform.persistence.ReportedByCaller;
import io.quizplatform.quiz.domain.quiz.RuleViolation;

/**
 * A quiz rule a host's command broke. The domain's violation again, marked {@link ReportedByCaller} so it leaves the
 * command's transaction as the host's mistake, without an FFDC incident (the domain cannot name the mark).
 */
@ReportedByCaller
public final class QuizRuleBroken extends RuleViolation {

    public QuizRuleBroken(RuleViolation broken) {
        super(broken.violations());
    }
}
