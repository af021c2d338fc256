package io.quizplatform.user.application;

import io.quizplatform.platform.persistence.ReportedByCaller;
import io.quizplatform.user.domain.PasswordPolicy.BrokenRule;

import java.util.List;

/**
 * A password that breaks {@code PasswordPolicy}: every rule it breaks, and the field that carried it, so the person
 * sees each next to the password they typed. Marked {@link ReportedByCaller}: it leaves {@link Registration}'s and
 * {@link AccountProfile}'s transactions as an answer, not as a failure.
 */
@ReportedByCaller
public final class WeakPassword extends RuntimeException {

    private final String field;
    private final List<BrokenRule> broken;

    private WeakPassword(String field, String which, List<BrokenRule> broken) {
        super("The " + which + " " + String.join("; ", broken.stream().map(BrokenRule::message).toList()) + ".");
        this.field = field;
        this.broken = List.copyOf(broken);
    }

    /** The password chosen at registration. */
    public static WeakPassword atRegistration(List<BrokenRule> broken) {
        return new WeakPassword("password", "password", broken);
    }

    /** The new password of a password change. */
    public static WeakPassword asNewPassword(List<BrokenRule> broken) {
        return new WeakPassword("newPassword", "new password", broken);
    }

    /** The request's field that carried the password. */
    public String field() {
        return field;
    }

    /** The rules broken, each with its code and a sentence's end ("must be at least 10 characters long (it has 8)"). */
    public List<BrokenRule> broken() {
        return broken;
    }
}
