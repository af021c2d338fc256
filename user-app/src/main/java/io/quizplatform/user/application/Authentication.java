package io.quizplatform.user.application;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.security.RateLimiter;
import io.quizplatform.user.domain.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Logging in. A wrong password and an unknown address get the same answer in the same time, so the endpoint
 * can't be used to find out who has an account. Attempts are limited per client address and per account; a browser
 * where the account signed in before ({@link KnownDevices}) is held to a limit of its own, as large as the account's,
 * instead of those two, so a flood of wrong passwords from elsewhere (or from the same school) does not lock the owner
 * out, and a token copied out of a browser buys no more guesses than anyone.
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

    /**
     * {@code knownDevices}: what the browser keeps from now on (its tokens of each account signed in there, this
     * one's new token first), or empty when the new one could not be kept.
     */
    public record Session(User user, AccessTokens.AccessToken token, List<String> knownDevices) {
    }

    /** How many accounts' tokens a browser keeps (a classroom computer several teachers use), the latest ones. */
    public static final int ACCOUNTS_PER_BROWSER = 10;

    /**
     * Not one transaction: the password is checked between two short ones, with no pool connection held.
     * {@code knownDevices}: the tokens the browser kept from earlier sign-ins (of any accounts), maybe none.
     */
    public Session login(String email, String password, String clientAddress, List<String> knownDevices) {
        String normalized = User.normalizeEmail(email);
        if (User.emailTooLong(normalized)) {
            throw new EmailTooLong(); // no account can have it; refused like a longer one, before anything is counted
        }
        // A browser known for the account and within its own limit is spared the address's limit too: a pupil flooding
        // the teacher's account from the school's one address would otherwise lock out the teacher's laptop there.
        Optional<KnownDevices.KnownBrowser> known = devices.known(knownDevices, normalized);
        boolean spared = known.isPresent() && withinItsOwnLimit(known.get());
        if (!spared) {
            limiter.attempt("login-address", clientAddress, settings.intValue("rate.limit.login.per.address", 30),
                    Duration.ofMinutes(5)).orRefuse("login attempts from here or for this account");
            limiter.attempt("login-account", normalized, perAccount(), Duration.ofMinutes(15))
                    .orRefuse("login attempts from here or for this account");
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
        String replaced = known.map(KnownDevices.KnownBrowser::token).orElse(null);
        List<String> kept = devices.remember(normalized, replaced, session.token().issuedAt())
                .map(token -> Stream.concat(Stream.of(token), knownDevices.stream().filter(t -> !t.equals(replaced)))
                        .limit(ACCOUNTS_PER_BROWSER).toList())
                .orElse(List.of());
        return new Session(session.user(), session.token(), kept);
    }

    /**
     * A known browser's own limit (the account's, counted apart; a token copied out of one buys no more guesses).
     * Held before the account is read, so a flood pays for no database read.
     */
    private boolean withinItsOwnLimit(KnownDevices.KnownBrowser browser) {
        return limiter.attempt("login-device", browser.id(), perAccount(), Duration.ofMinutes(15)).allowed();
    }

    private int perAccount() {
        return settings.intValue("rate.limit.login.per.account", 10);
    }
}
