package io.quizplatform.user.application;

import io.quizplatform.platform.persistence.ReportedByCaller;

/**
 * An admin asked to lock their own account; another admin has to. Marked {@link ReportedByCaller}: it leaves {@link AccountLocks}' transaction as an answer, not as a failure.
 */
@ReportedByCaller
public final class CannotLockOwnAccount extends RuntimeException {

    public CannotLockOwnAccount() {
        super("An admin can't lock their own account; ask another admin.");
    }
}
