package io.quizplatform.user.application;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.user.domain.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Issues the access tokens every service accepts: RS256-signed JWTs in the MicroProfile JWT format
 * ({@code iss}, {@code sub}, {@code upn}, {@code groups}, {@code exp}, {@code jti}). They live
 * {@code JWT_TTL_MINUTES} (60 by default); a client renews one before it expires with
 * {@code POST /user/api/sessions/refresh}, which also retires the old one.
 */
@ApplicationScoped
public class AccessTokens {

    @Inject
    SigningKeys keys;

    @Inject
    ServiceSettings settings;

    /** {@code issuedAt}: the token's {@code iat}, whole seconds, never before its account's session cutoff. */
    public record AccessToken(String token, String tokenId, Instant issuedAt, Instant expiresAt) {
    }

    public String issuer() {
        return settings.fromServer("jwt.issuer");
    }

    public Duration lifetime() {
        return settings.tokenLifetime();
    }

    /**
     * A token for the account. Its {@code iat} is now, but never before the account's session cutoff (a password
     * change or lock in this very second voids the tokens issued earlier in it, not this one).
     */
    public AccessToken issue(User user) {
        Instant now = user.earliestIssuedAt(Instant.now());
        Instant expires = now.plus(lifetime());
        String tokenId = UUID.randomUUID().toString();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer());
        claims.setSubject(user.id().toString());
        claims.setClaim("upn", user.id().toString());
        claims.setClaim("name", user.displayName());
        claims.setStringListClaim("groups", user.roleClaims());
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expires.getEpochSecond()));
        claims.setJwtId(tokenId);

        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keys.signingKey().getPrivateKey());
        jws.setKeyIdHeaderValue(keys.signingKey().getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return new AccessToken(jws.getCompactSerialization(), tokenId, Instant.ofEpochSecond(now.getEpochSecond()),
                    Instant.ofEpochSecond(expires.getEpochSecond()));
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign an access token", e);
        }
    }
}
