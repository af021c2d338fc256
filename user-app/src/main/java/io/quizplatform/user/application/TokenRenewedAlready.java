package io.quizplatform.user.application;

/**
 * A renewal of a token another renewal (or a logout) has retired meanwhile: only the first one gets a new token, so
 * one session never forks into several. Thrown outside any transaction ({@link Sessions}).
 */
public final class TokenRenewedAlready extends RuntimeException {

    public TokenRenewedAlready() {
        super("This access token was renewed or logged out already. Use the new one, or log in again.");
    }
}
