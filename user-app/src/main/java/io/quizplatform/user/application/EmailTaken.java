package io.quizplatform.user.application;

import io.quizplatform.platform.persistence.ReportedByCaller;

/**
 * One account per e-mail address: a registration of an address that already has one. Marked {@link ReportedByCaller}:
 * it leaves {@link Registration}'s transaction as an answer, not as a failure.
 */
@ReportedByCaller
public final class EmailTaken extends RuntimeException {

    public EmailTaken() {
        super("An account with this e-mail address already exists. Log in, or register with another address.");
    }
}
