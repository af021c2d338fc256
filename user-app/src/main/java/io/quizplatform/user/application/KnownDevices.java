package io.quizplatform.user.application;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The browsers where an account signed in before, each known by a random token it keeps (a cookie). A sign-in from
 * one of them is held to a limit of its own instead of the account's and the address's, so that someone who floods the
 * account with wrong passwords (a pupil who knows the teacher's e-mail, from many addresses or the school's one) does
 * not lock its owner out of the browsers they use; everyone else still is (OWASP's "device cookies"). The token proves nothing but an earlier
 * sign-in: the password is checked as always. A port: kept by {@code infrastructure.RedisKnownDevices}.
 */
public interface KnownDevices {

    /** How long a browser stays known after the sign-in that made it known. */
    long DAYS = 30;

    /** How many browsers an account has known at most: a new one forgets the one known longest. */
    int PER_ACCOUNT = 20;

    /** A browser known for an account: the token it presented, and its id (a digest, for its own limit). */
    record KnownBrowser(String token, String id) {
    }

    /**
     * A new token for a browser where this account has just signed in, known from {@code since} (the sign-in's token
     * was issued then), the token the browser presented for it forgotten; empty when it can't be kept now.
     */
    Optional<String> remember(String normalizedEmail, String replacedToken, Instant since);

    /**
     * The first of these tokens given to a browser at a sign-in to this account within the last {@link #DAYS} days.
     * Asks the same whether the account exists or not (one round trip), so the time of an answer tells nothing.
     */
    Optional<KnownBrowser> known(List<String> tokens, String normalizedEmail);
}
