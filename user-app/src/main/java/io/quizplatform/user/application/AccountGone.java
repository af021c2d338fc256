package io.quizplatform.user.application;

import io.quizplatform.platform.persistence.ReportedByCaller;

/**
 * The account a valid token names no longer exists: the caller has to log in again. Not {@link UnknownAccount}, which
 * is an admin naming a wrong id. Marked {@link ReportedByCaller}: it leaves {@link AccountProfile}'s transactions as
 * an answer, not as a failure.
 */
@ReportedByCaller
public final class AccountGone extends RuntimeException {

    public AccountGone() {
        super("The account of this token no longer exists. Log in again.");
    }
}
