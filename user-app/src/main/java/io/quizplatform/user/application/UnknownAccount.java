package io.quizplatform.user.application;

import io.quizplatform.platform.persistence.ReportedByCaller;

import java.util.UUID;

/**
 * No account with the id an admin named. Marked {@link ReportedByCaller}: it leaves {@link AccountLocks}'
 * transactions as an answer, not as a failure.
 */
@ReportedByCaller
public final class UnknownAccount extends RuntimeException {

    public UnknownAccount(UUID userId) {
        super("There is no account " + userId + ".");
    }
}
