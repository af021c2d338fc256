package io.quizplatform.user.application;

import java.util.Optional;

/**
 * The browsers where an account signed in before, each known by a random token it keeps (a cookie). A sign-in from
 * one of them is not held to the account's login limit, so that someone who floods the account with wrong passwords
 * from many addresses (a pupil who knows the teacher's e-mail) does not lock its owner out of the browsers they use;
 * everyone else still is (OWASP's "device cookies"). The token proves nothing but an earlier sign-in: the password is
 * checked as always. A port: kept by {@code infrastructure.RedisKnownDevices}.
 */
public interface KnownDevices {

    /** How long a browser stays known after its last sign-in. */
    long DAYS = 30;

    /** A new token for a browser where this account has just signed in; empty when it can't be kept now. */
    Optional<String> remember(String normalizedEmail);

    /** Whether the token was given to a browser at a sign-in to this account (false for anything else). */
    boolean knows(String token, String normalizedEmail);
}
