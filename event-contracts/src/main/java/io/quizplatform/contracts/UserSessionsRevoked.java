package io.quizplatform.contracts;

import java.time.Instant;

/**
 * Payload of {@code user.sessions-revoked}: every access token of the account issued before {@code validFrom}
 * (compared with the token's {@code iat}, whole seconds) is void on every service, whatever its {@code exp}.
 * Tokens issued from {@code validFrom} on keep working. {@code reason} is {@value #PASSWORD_CHANGED} or
 * {@value #ACCOUNT_LOCKED}.
 */
public record UserSessionsRevoked(String userId, Instant validFrom, String reason, Instant revokedAt) {

    public static final String PASSWORD_CHANGED = "password-changed";
    public static final String ACCOUNT_LOCKED = "account-locked";
}
