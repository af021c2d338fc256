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
    AccountProfile accounts;

    @Inject
    AccessTokens tokens;

    @Inject
    TokenDenyList denyList;

    public AccessTokens.AccessToken refresh(UUID userId, String tokenId, Instant expiresAt) {
        io.quizplatform.user.domain.User user = accounts.get(userId);
        if (user.locked()) {
            throw new AccountLocked();
        }
        AccessTokens.AccessToken renewed = tokens.issue(user);
        retire(() -> denyList.denyRenewed(tokenId, expiresAt));
        return renewed;
    }

    public void logout(String tokenId, Instant expiresAt) {
        retire(() -> denyList.deny(tokenId, expiresAt));
    }

    private void retire(Runnable denial) {
        try {
            denial.run();
        } catch (RuntimeException e) {
            // Saying "logged out" while the token still works would be a lie; let the client retry.
            throw new SessionNotEnded(e);
        }
    }
}
