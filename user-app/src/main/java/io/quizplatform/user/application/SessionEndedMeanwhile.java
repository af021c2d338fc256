package io.quizplatform.user.application;

import io.quizplatform.platform.persistence.ReportedByCaller;

/**
 * A renewal of a token whose sessions were ended (a password change, a lock) after the token was checked at the door:
 * the account, read in the renewal's transaction, says the token is older than its cutoff. Without this look the
 * renewal issued a token at the cutoff, which every service accepts, and the ended session went on.
 */
@ReportedByCaller
public final class SessionEndedMeanwhile extends RuntimeException {

    public SessionEndedMeanwhile() {
        super("This session was ended (a password change or a lock) while it was being renewed. Log in again.");
    }
}
