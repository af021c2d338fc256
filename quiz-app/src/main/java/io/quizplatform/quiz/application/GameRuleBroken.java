package io.quizplatform.quiz.application;

import io.quizplatform.platform.persistence.ReportedByCaller;
import io.quizplatform.quiz.domain.game.GameRuleViolation;

/**
 * A rule a host's command broke (start, next, skip, end, kick, or creating the game): the game's state, never the
 * request. A join's rules are {@link JoinRefused}'s. The domain's violation again, marked {@link ReportedByCaller}
 * so it leaves the command's transaction without an FFDC incident (the domain cannot name the mark).
 */
@ReportedByCaller
public final class GameRuleBroken extends GameRuleViolation {

    public GameRuleBroken(GameRuleViolation broken) {
        super(broken.code(), broken.getMessage());
    }
}
