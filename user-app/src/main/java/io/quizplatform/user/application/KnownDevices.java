package io.quizplatform.user.application;

import java.time.Instant;
import java.util.Optional;

/**
 * The browsers where an account signed in before, each known by a random token it keeps (a cookie). A sign-in from
 * one of them is held to a limit of its own instead of the account's, so that someone who floods the account with
 * wrong passwords from many addresses (a pupil who knows the teacher's e-mail) does not lock its owner out of the
 * browsers they use; everyone else still is (OWASP's "device cookies"). The token proves nothing but an earlier
 * sign-in: the password is checked as always. A port: kept by {@code infrastructure.RedisKnownDevices}.
 */
public interface KnownDevices {

    /** How long a browser stays known after the sign-in that made it known. */
    long DAYS = 30;

    /** How many browsers an account has known at most: a new one forgets the oldest. */
    int PER_ACCOUNT = 10;

    /**
     * A new token for a browser where this account has just signed in, the token the browser presented forgotten
     * (it is replaced); empty when it can't be kept now.
     */
    Optional<String> remember(String normalizedEmail, String replacedToken);

    /**
     * The browser's id (a digest of its token, for its own limit) if the token was given to it at a sign-in to this
     * account, not before {@code validFrom} (the account's sessions were ended then: a password change or a lock
     * forgets every browser known before); empty for anything else.
     */
    Optional<String> known(String token, String normalizedEmail, Instant validFrom);
}
