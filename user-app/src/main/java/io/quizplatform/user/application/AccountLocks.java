package io.quizplatform.user.application;

import io.quizplatform.contracts.UserSessionsRevoked;
import io.quizplatform.user.domain.User;
import io.quizplatform.user.domain.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * An admin locking an account (nobody can log in with it, and every token issued before the lock is refused by
 * every service at once) and unlocking it (its owner can log in again; tokens from before the lock stay void).
 */
@ApplicationScoped
public class AccountLocks {

    @Inject
    UserRepository users;

    @Inject
    SessionRevocations revocations;

    @Transactional
    public User lock(UUID admin, UUID userId) {
        // Locked before the clock is read: a renewal holding the row issues its token before this cutoff is taken.
        User user = users.byIdLocked(userId).orElseGet(() -> account(userId));
        if (user.id().equals(admin)) {
            throw new CannotLockOwnAccount();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (user.lock(admin, now)) {
            users.save(user);
            revocations.ended(user, user.sessionsValidFrom(), UserSessionsRevoked.ACCOUNT_LOCKED, now);
        }
        return user;
    }

    @Transactional
    public User unlock(UUID userId) {
        User user = account(userId);
        if (user.unlock(Instant.now().truncatedTo(ChronoUnit.MICROS))) {
            users.save(user);
        }
        return user;
    }

    private User account(UUID userId) {
        return users.byId(userId).orElseThrow(() -> new UnknownAccount(userId));
    }
}
