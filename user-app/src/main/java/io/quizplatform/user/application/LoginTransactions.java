package io.quizplatform.user.application;

import io.quizplatform.user.domain.EndedTokens;
import io.quizplatform.user.domain.User;
import io.quizplatform.user.domain.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The two short transactions of a login, with the slow password check between them (in {@link Authentication}), and
 * the ones of a renewal ({@link Sessions}) and of a password change ({@link AccountProfile#changePassword}).
 * A transaction holds its pool connection from its first statement to its end: a class of hosts logging in at once
 * held every user_db connection through each other's hashing, and the rest timed out (500s).
 */
@ApplicationScoped
public class LoginTransactions {

    @Inject
    UserRepository users;

    @Inject
    AccountProfile profile;

    @Inject
    AccessTokens tokens;

    @Inject
    EndedTokens endedTokens;

    @Transactional
    Optional<User> account(String normalizedEmail) {
        return users.byEmail(normalizedEmail);
    }

    /**
     * The account whose password was just checked, if it still has that password (a change in between wins); refused
     * if locked; its roles synced and a token issued.
     */
    @Transactional
    Optional<Authentication.Session> signIn(UUID userId, String checkedHash) {
        // Locked, the token issued under it, as a renewal's: a sign-in with the old password racing its change either
        // comes first (and its token is older than the change's cutoff) or sees the new hash.
        Optional<User> found = users.byIdLocked(userId);
        if (found.isEmpty() || !found.get().passwordHash().equals(checkedHash)) {
            return Optional.empty();
        }
        User user = found.get();
        if (user.locked()) {
            throw new AccountLocked();
        }
        profile.syncRoles(user, Instant.now());
        return Optional.of(new Authentication.Session(user, tokens.issue(user), List.of()));
    }

    /**
     * A new token for the account a token issued at {@code issuedAt} is renewed for: refused if locked or gone, or if
     * its sessions were ended after the token was checked at the door (the cutoff is read here, in the renewal's
     * transaction); its roles synced, as at a login.
     */
    @Transactional
    AccessTokens.AccessToken renewing(UUID userId, Instant issuedAt, String tokenId, Instant expiresAt) {
        // Locked, and the new token issued before the lock goes: an end of the sessions committing meanwhile either
        // came first (its cutoff is read here) or waits, and takes its cutoff after this token's iat.
        User user = users.byIdLocked(userId).orElseThrow(AccountGone::new);
        if (user.locked()) {
            throw new AccountLocked();
        }
        if (user.sessionsValidFrom() != null && issuedAt.isBefore(user.sessionsValidFrom())) {
            throw new SessionEndedMeanwhile();
        }
        // Recorded with the renewal, once: Redis's claim let it through, but Redis may have lost an earlier renewal or
        // logout of this token, which user_db has not (and should Redis lose this claim, it is written back from here).
        endedTokens.renewed(tokenId, expiresAt).ifPresent(before -> {
            throw new TokenRenewedAlready(before == EndedTokens.EndedAs.LOGGED_OUT);
        });
        profile.syncRoles(user, Instant.now());
        return tokens.issue(user);
    }

    /** A password change's one transaction ({@link AccountProfile#changePassword}, whose hashing is done by then). */
    @Transactional
    AccessTokens.AccessToken replacePassword(User user, String newHash) {
        return profile.replacePasswordHash(user, newHash);
    }
}
