package io.quizplatform.user.application;

import io.quizplatform.platform.persistence.ReportedByCaller;
import io.quizplatform.user.domain.User;

/**
 * An address within the request's limit that normalising made longer than an account's may be ({@code İ} lower-cases
 * to two characters). Answered as Bean Validation answers a longer address, so the two can't be told apart. Marked
 * {@link ReportedByCaller}: it leaves {@link Registration}'s transaction as an answer, not as a failure.
 */
@ReportedByCaller
public final class EmailTooLong extends RuntimeException {

    public EmailTooLong() {
        super("email: must be at most " + User.MAX_EMAIL_LENGTH + " characters", null, false, false);
    }
}
