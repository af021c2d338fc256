package io.quizplatform.user.application;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.security.RateLimiter;
import io.quizplatform.platform.security.TokenDenyList;
import io.quizplatform.user.domain.EndedTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Logger;

/** Renewing and ending a session: the old token goes on the deny-list every service checks. */
@ApplicationScoped
public class Sessions {

    @Inject
    LoginTransactions steps;

    @Inject
    TokenDenyList denyList;

    @Inject
    EndedTokens endedTokens;

    @Inject
    RateLimiter limiter;

    @Inject
    ServiceSettings settings;

    private static final Logger LOG = Logger.getLogger(Sessions.class.getName());

    /**
     * The old token is claimed first, then the new one issued: of two renewals of one token (a page and a stolen copy,
     * or two tabs) only one goes on. The account is read in a transaction of its own: a locked one gets no new token,
     * and its roles follow ADMIN_EMAILS as at a login (a renewing page would otherwise keep a role taken away).
     * Renewals are limited per account: each one records its old token in user_db until it expires, and a loop of
     * them would grow that table without bound (a page renews once a token lifetime, a few devices a few times).
     */
    public AccessTokens.AccessToken refresh(UUID userId, String tokenId, Instant issuedAt, Instant expiresAt) {
        limiter.attempt("refresh-account", userId.toString(), settings.intValue("rate.limit.refresh.per.account", 120),
                Duration.ofHours(1)).orRefuse("renewals for this account");
        boolean claimed;
        try {
            claimed = denyList.claimRenewal(tokenId, expiresAt);
        } catch (RuntimeException e) {
            throw new SessionNotEnded(e);
        }
        if (!claimed) {
            throw new TokenRenewedAlready();
        }
        try {
            return steps.renewing(userId, issuedAt, tokenId, expiresAt);
        } catch (TokenRenewedAlready e) {
            // user_db says it ended before (Redis had lost that): the claim stays, the token stays refused, and a
            // logged-out one says so again rather than "renewed" (a host's socket would wait for a newer token).
            if (e.loggedOut()) {
                try {
                    denyList.deny(tokenId, expiresAt);
                } catch (RuntimeException ignored) {
                    // Redis away again: the claim's "renewed" stays, and the token is refused all the same.
                }
            }
            throw e;
        } catch (RuntimeException e) {
            giveBack(tokenId);
            throw e;
        }
    }

    /** A renewal that failed after its claim leaves the old token as it was, if it can: the client may try again. */
    private void giveBack(String tokenId) {
        try {
            denyList.undoRenewal(tokenId);
        } catch (RuntimeException e) {
            // The token store went away meanwhile: the token stays retired, and the client logs in again.
        }
    }

    /**
     * The token is refused everywhere (Redis, required: saying "logged out" while it still works would be a lie), and
     * recorded in user_db, from where {@link DeniedTokensRepair} writes it again should Redis lose it. A logout while
     * user_db is away is kept in Redis only (logged): the token is refused, unless Redis too loses it before it expires.
     */
    public void logout(String tokenId, Instant expiresAt) {
        try {
            denyList.deny(tokenId, expiresAt);
        } catch (RuntimeException e) {
            throw new SessionNotEnded(e);
        }
        try {
            endedTokens.loggedOut(tokenId, expiresAt);
        } catch (RuntimeException e) {
            LOG.warning(() -> "user-app: a logout is refused through Redis but not recorded in user_db ("
                    + e.getClass().getSimpleName() + "); should Redis lose it, the token works until it expires");
        }
    }
}
