package io.quizplatform.user.application;

import io.quizplatform.platform.security.TokenDenyList;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.UUID;

/** Renewing and ending a session: the old token goes on the deny-list every service checks. */
@ApplicationScoped
public class Sessions {

    @Inject
    LoginTransactions steps;

    @Inject
    TokenDenyList denyList;

    /**
     * The old token is claimed first, then the new one issued: of two renewals of one token (a page and a stolen copy,
     * or two tabs) only one goes on. The account is read in a transaction of its own: a locked one gets no new token,
     * and its roles follow ADMIN_EMAILS as at a login (a renewing page would otherwise keep a role taken away).
     */
    public AccessTokens.AccessToken refresh(UUID userId, String tokenId, Instant issuedAt, Instant expiresAt) {
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
            return steps.renewing(userId, issuedAt);
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

    public void logout(String tokenId, Instant expiresAt) {
        try {
            denyList.deny(tokenId, expiresAt);
        } catch (RuntimeException e) {
            // Saying "logged out" while the token still works would be a lie; let the client retry.
            throw new SessionNotEnded(e);
        }
    }
}
