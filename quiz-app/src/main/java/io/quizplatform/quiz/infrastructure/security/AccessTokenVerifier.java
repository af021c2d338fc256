package io.quizplatform.quiz.infrastructure.security;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.security.TokenDenyList;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

import java.util.List;
import java.util.Optional;

/**
 * Checks a host's access token sent over a WebSocket (browsers can't put an Authorization header on a socket, so
 * the token arrives in the first message): the same checks MicroProfile JWT makes for REST calls (RS256 against
 * user-app's key set, issuer, expiry) plus the deny-list (logged out, or issued before the account's sessions were
 * ended by a password change or a lock).
 */
@ApplicationScoped
public class AccessTokenVerifier {

    @Inject
    ServiceSettings settings;

    @Inject
    TokenDenyList denyList;

    private volatile JwtConsumer consumer;

    public record Host(String userId, boolean admin) {
    }

    public Optional<Host> verify(String token) {
        if (token == null || token.isBlank() || token.length() > 8192) {
            return Optional.empty();
        }
        try {
            JwtClaims claims = consumer().processToClaims(token);
            long issuedAt = claims.getIssuedAt() == null ? 0 : claims.getIssuedAt().getValue();
            if (denyList.check(claims.getJwtId(), claims.getSubject(), issuedAt) != TokenDenyList.Verdict.ACCEPTED) {
                return Optional.empty();
            }
            List<String> groups = claims.getStringListClaimValue("groups");
            if (groups == null || !(groups.contains("host") || groups.contains("admin"))) {
                return Optional.empty();
            }
            return Optional.of(new Host(claims.getSubject(), groups.contains("admin")));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private JwtConsumer consumer() {
        JwtConsumer c = consumer;
        if (c == null) {
            synchronized (this) {
                if (consumer == null) {
                    String jwks = settings.get("jwt.jwks.url",
                            "http://127.0.0.1:" + settings.get("http.port", "9080") + "/user/api/jwks");
                    consumer = new JwtConsumerBuilder()
                            .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(jwks)))
                            .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                            .setExpectedIssuer(settings.get("jwt.issuer", "https://quiz-platform.local/user"))
                            .setRequireExpirationTime()
                            .setRequireSubject()
                            .setAllowedClockSkewInSeconds(30)
                            .build();
                }
                c = consumer;
            }
        }
        return c;
    }
}
