package io.quizplatform.user.application;

import io.quizplatform.platform.persistence.ReportedByCaller;

/**
 * A renewal of a token another renewal (or a logout) has retired meanwhile: only the first one gets a new token, so
 * one session never forks into several. Thrown by {@link Sessions} when Redis refuses the claim, and from the
 * renewal's transaction when user_db already records the token's end (Redis had lost it): an answer, not a failure.
 */
@ReportedByCaller
public final class TokenRenewedAlready extends RuntimeException {

    private final boolean loggedOut;

    public TokenRenewedAlready() {
        this(false);
    }

    /** {@code loggedOut}: user_db says the token was logged out (Redis had lost that). */
    public TokenRenewedAlready(boolean loggedOut) {
        super("This access token was renewed or logged out already. Use the new one, or log in again.");
        this.loggedOut = loggedOut;
    }

    public boolean loggedOut() {
        return loggedOut;
    }
}
