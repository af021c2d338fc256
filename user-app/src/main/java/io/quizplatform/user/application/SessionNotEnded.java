package io.quizplatform.user.application;

/**
 * A token could not be put on the deny-list (the token store is away), so the session it opened goes on: saying
 * "logged out" (or renewing, which retires the old token) while it still works would be a lie. The client may try
 * again shortly. Thrown outside any transaction ({@link Sessions}).
 */
public final class SessionNotEnded extends RuntimeException {

    public SessionNotEnded(RuntimeException cause) {
        super("The session could not be ended right now (the token store is unreachable). Try again shortly.", cause);
    }
}
