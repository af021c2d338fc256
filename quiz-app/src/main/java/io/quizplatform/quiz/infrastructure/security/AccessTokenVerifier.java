package io.quizplatform.quiz.infrastructure.security;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.security.TokenDenyList;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
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
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Checks a host's access token sent over a WebSocket (browsers can't put an Authorization header on a socket, so
 * the token arrives in the first message): the same checks MicroProfile JWT makes for REST calls (RS256 against
 * user-app's key set, issuer, expiry) plus the deny-list (logged out, or issued before the account's sessions were
 * ended by a password change or a lock).
 */
@ApplicationScoped
public class AccessTokenVerifier {

    private static final Logger LOG = Logger.getLogger(AccessTokenVerifier.class.getName());
    static final long KEYS_REFRESH_SECONDS = 60;
    static final long KEYS_RETRY_SECONDS = 5;

    @Inject
    ServiceSettings settings;

    @Inject
    TokenDenyList denyList;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private HttpsJwks keySet;
    private JwtConsumer consumer;
    private volatile boolean stopped;

    @PostConstruct
    void build() {
        String jwks = settings.get("jwt.jwks.url", "http://127.0.0.1:" + settings.get("http.port", "9080") + "/user/api/jwks");
        keySet = new HttpsJwks(jwks);
        consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(keySet))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuer(settings.get("jwt.issuer", "https://quiz-platform.local/user"))
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(30)
                .build();
    }

    /**
     * The key set is fetched from the start and again every {@value #KEYS_REFRESH_SECONDS} s, ahead of the 300 s its
     * answer may be cached: fetched on demand instead, the first host hello after each expiry fetched it over HTTP
     * while every other host hello waited on jose4j's lock, and in a burst (10,000 phones joining) that request queued
     * behind the joins: 22 of 100 hosts waited over 30 s for their welcome (thread dumps, 2026-12-02).
     */
    void fetchKeysFromTheStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        scheduler.execute(this::refreshKeys);
    }

    private void refreshKeys() {
        if (stopped) {
            return;
        }
        long next = KEYS_REFRESH_SECONDS;
        try {
            keySet.refresh();
        } catch (Exception e) {
            // user-app not up yet (it starts beside this service), or away: a hello fetches the keys itself meanwhile.
            LOG.fine(() -> "token keys not fetched: " + e);
            next = KEYS_RETRY_SECONDS;
        }
        try {
            scheduler.schedule(this::refreshKeys, next, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            LOG.fine(() -> "server stopping: token keys no longer refreshed: " + e);
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
    }

    public record Host(String userId, boolean admin) {
    }

    public Optional<Host> verify(String token) {
        if (token == null || token.isBlank() || token.length() > 8192) {
            return Optional.empty();
        }
        try {
            JwtClaims claims = consumer.processToClaims(token);
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

}
