package io.quizplatform.user.application;

import io.quizplatform.platform.persistence.ReportedByCaller;

/**
 * An admin locked this account: what its owner hears at login (only after giving the right password) and at renewal.
 * Marked {@link ReportedByCaller}: it leaves {@link LoginTransactions}' transaction as an answer, not as a failure.
 */
@ReportedByCaller
public final class AccountLocked extends RuntimeException {

    public AccountLocked() {
        super("This account is locked by an admin. Ask an admin to unlock it.");
    }
}
