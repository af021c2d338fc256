package io.quizplatform.user.application;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.api.ProblemException;
import io.quizplatform.platform.security.RateLimiter;
import io.quizplatform.user.domain.User;
import io.quizplatform.user.domain.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Logging in. A wrong password and an unknown address get the same answer in the same time, so the endpoint
 * can't be used to find out who has an account. Attempts are limited per client address and per account.
 */
@ApplicationScoped
public class Authentication {

    @Inject
    UserRepository users;

    @Inject
    Passwords passwords;

    @Inject
    AccessTokens tokens;

    @Inject
    RateLimiter limiter;

    @Inject
    ServiceSettings settings;

    @Inject
    AccountProfile profile;

    public record Session(User user, AccessTokens.AccessToken token) {
    }

    @Transactional
    public Session login(String email, String password, String clientAddress) {
        String normalized = User.normalizeEmail(email);
        limiter.attempt("login-address", clientAddress, settings.intValue("rate.limit.login.per.address", 30),
                Duration.ofMinutes(5)).orRefuse("login attempts from here or for this account");
        limiter.attempt("login-account", normalized, settings.intValue("rate.limit.login.per.account", 10),
                Duration.ofMinutes(15)).orRefuse("login attempts from here or for this account");

        Optional<User> found = users.byEmail(normalized);
        if (found.isEmpty()) {
            passwords.burnAsMuchTimeAsACheck(password);
            throw wrongCredentials();
        }
        User user = found.get();
        if (!passwords.matches(password, user.passwordHash())) {
            throw wrongCredentials();
        }
        if (user.locked()) {
            throw AccountLocks.lockedOut();
        }
        profile.syncRoles(user, Instant.now());
        return new Session(user, tokens.issue(user));
    }

    private static ProblemException wrongCredentials() {
        return new ProblemException(401, "Login failed", "The e-mail address or the password is wrong.");
    }
}
