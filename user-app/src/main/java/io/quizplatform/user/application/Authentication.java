package io.quizplatform.user.application;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.security.RateLimiter;
import io.quizplatform.user.domain.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Optional;

/**
 * Logging in. A wrong password and an unknown address get the same answer in the same time, so the endpoint
 * can't be used to find out who has an account. Attempts are limited per client address and per account; a browser
 * where the account signed in before ({@link KnownDevices}) is held to the address's limit only, so a flood of wrong
 * passwords from elsewhere does not lock the owner out.
 */
@ApplicationScoped
public class Authentication {

    @Inject
    Passwords passwords;

    @Inject
    RateLimiter limiter;

    @Inject
    ServiceSettings settings;

    @Inject
    LoginTransactions steps;

    @Inject
    KnownDevices devices;

    /** {@code knownDevice}: the token that makes this browser known from now on, when one could be kept. */
    public record Session(User user, AccessTokens.AccessToken token, Optional<String> knownDevice) {
    }

    /**
     * Not one transaction: the password is checked between two short ones, with no pool connection held.
     * {@code knownDevice}: the token the browser kept from an earlier sign-in, or null.
     */
    public Session login(String email, String password, String clientAddress, String knownDevice) {
        String normalized = User.normalizeEmail(email);
        if (User.emailTooLong(normalized)) {
            throw new EmailTooLong(); // no account can have it; refused like a longer one, before anything is counted
        }
        limiter.attempt("login-address", clientAddress, settings.intValue("rate.limit.login.per.address", 30),
                Duration.ofMinutes(5)).orRefuse("login attempts from here or for this account");
        if (!devices.knows(knownDevice, normalized)) {
            limiter.attempt("login-account", normalized, settings.intValue("rate.limit.login.per.account", 10),
                    Duration.ofMinutes(15)).orRefuse("login attempts from here or for this account");
        }

        Optional<User> found = steps.account(normalized);
        if (found.isEmpty()) {
            passwords.burnAsMuchTimeAsACheck(password);
            throw new WrongCredentials();
        }
        if (!passwords.matches(password, found.get().passwordHash())) {
            throw new WrongCredentials();
        }
        Session session = steps.signIn(found.get().id(), found.get().passwordHash()).orElseThrow(WrongCredentials::new);
        return new Session(session.user(), session.token(), devices.remember(normalized));
    }
}
