package io.quizplatform.user.application;

import io.quizplatform.platform.persistence.ReportedByCaller;

/**
 * A password change whose current password is wrong: nothing was changed. Marked {@link ReportedByCaller}: it leaves
 * {@link AccountProfile}'s transaction as an answer, not as a failure.
 */
@ReportedByCaller
public final class WrongCurrentPassword extends RuntimeException {

    public WrongCurrentPassword() {
        super("The current password is wrong; the password was not changed.");
    }
}
