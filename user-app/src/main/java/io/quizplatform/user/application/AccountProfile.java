package io.quizplatform.user.application;

import io.quizplatform.contracts.UserSessionsRevoked;
import io.quizplatform.platform.security.RateLimiter;
import io.quizplatform.user.domain.PasswordPolicy;
import io.quizplatform.user.domain.User;
import io.quizplatform.user.domain.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** An account holder reading and changing their own profile and password. */
@ApplicationScoped
public class AccountProfile {

    @Inject
    UserRepository users;

    @Inject
    Passwords passwords;

    @Inject
    ProfileAnnouncements announcements;

    @Inject
    AdminAccounts admins;

    @Inject
    SessionRevocations revocations;

    @Inject
    AccessTokens tokens;

    /** A password change's transaction: another bean's, so that CDI's interceptor runs it. */
    @Inject
    LoginTransactions changes;

    @Inject
    RateLimiter limiter;

    static final int WRONG_PASSWORDS = 10;

    public User get(UUID userId) {
        return users.byId(userId).orElseThrow(AccountGone::new);
    }

    @Transactional
    public User rename(UUID userId, String displayName) {
        User user = get(userId);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (user.rename(displayName, now)) {
            users.save(user);
            announcements.profile(user, now);
        }
        return user;
    }

    /**
     * Changes the password and ends every session opened before (on every service); returns a new token for the
     * caller, issued after that cutoff, so the device that changed the password stays logged in. Not one transaction:
     * the two hashes (about 0.4 s of a core each) run with no pool connection held, as a login's check does, and the
     * change is one short transaction whose version check refuses it if the account changed since it was read (a
     * lock, another change). Each try of the current password is a guess at it: at most {@value #WRONG_PASSWORDS} a
     * quarter of an hour per account and client address (one who stole a token guesses from elsewhere than the owner, who can
     * still change it), the new password's rules checked first and not counted.
     */
    public AccessTokens.AccessToken changePassword(UUID userId, String currentPassword, String newPassword,
                                                   String clientAddress) {
        User user = get(userId);
        if (user.locked()) {
            throw new AccountLocked();
        }
        List<PasswordPolicy.BrokenRule> broken = PasswordPolicy.violations(newPassword, user.email(), user.displayName());
        if (!broken.isEmpty()) {
            throw WeakPassword.asNewPassword(broken);
        }
        String guesser = userId + "@" + clientAddress;
        // Counted before the check (a right one too), not after a wrong one: the check takes a few hundred
        // milliseconds, and guesses sent at once all passed a count that had not grown yet.
        limiter.attempt("password-change-guesses", guesser, WRONG_PASSWORDS, Duration.ofMinutes(15))
                .orRefuse("wrong passwords for this account");
        if (!passwords.matches(currentPassword, user.passwordHash())) {
            throw new WrongCurrentPassword();
        }
        return changes.replacePassword(user, passwords.hash(newPassword));
    }

    /** The new hash saved (refused if the account changed since it was read), the sessions before it ended. */
    @Transactional(Transactional.TxType.MANDATORY)
    AccessTokens.AccessToken replacePasswordHash(User user, String newHash) {
        // The row first, then the clock: a renewal holding it issues its token before this cutoff is taken.
        users.byIdLocked(user.id());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant validFrom = user.replacePasswordHash(newHash, now);
        users.save(user);
        revocations.ended(user, validFrom, UserSessionsRevoked.PASSWORD_CHANGED, now);
        syncRoles(user, now);
        return tokens.issue(user);
    }

    /** Applies ADMIN_EMAILS at login, so an operator's change takes effect without touching the database. */
    @Transactional(Transactional.TxType.MANDATORY)
    void syncRoles(User user, Instant now) {
        if (user.assignRoles(admins.rolesFor(user.email()), now.truncatedTo(ChronoUnit.MICROS))) {
            users.save(user);
            announcements.profile(user, now.truncatedTo(ChronoUnit.MICROS));
        }
    }

}
