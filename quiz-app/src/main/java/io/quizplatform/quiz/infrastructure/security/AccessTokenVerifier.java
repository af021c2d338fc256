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
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

import java.util.List;
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
    static final long KEYS_RETAINED_ON_ERROR_SECONDS = 24 * 3600;

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
        String jwks = settings.fromServer("jwt.jwks.url");
        keySet = new HttpsJwks(jwks);
        // Keys fetched once are kept while user-app cannot be reached (jose4j drops them at the first failed refresh),
        // so the host sockets' tokens are still checked during its outage rather than found unverifiable.
        keySet.setRetainCacheOnErrorDuration(KEYS_RETAINED_ON_ERROR_SECONDS);
        consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(keySet))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuer(settings.fromServer("jwt.issuer"))
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

    /** Where a host's token stands now: a socket keeps the token of its hello and asks again before each command. */
    public enum Standing {
        /** Valid: signed by user-app, not expired, not ended, a host's or an admin's. */
        VALID,
        /** Expired, or retired by its renewal, and nothing else wrong: the page has a newer one and comes back with it. */
        STALE,
        /**
         * Not checkable now: user-app's keys could not be fetched and none are kept, and the token's claims show no
         * end (deny-list, expiry). Like the deny-list when Redis is away, an open socket goes on (its token was
         * checked at its hello): an outage must not end every game.
         */
        UNVERIFIABLE,
        /** Not valid otherwise: logged out, ended by a password change or a lock, forged, not a host's. */
        REFUSED
    }

    /** What a check found: the host only when {@link Standing#VALID}. */
    public record Check(Standing standing, Host host) {

        /** Whether the token is (still) that of {@code userId}'s valid session. */
        public boolean validFor(String userId) {
            return standing == Standing.VALID && host.userId().equals(userId);
        }
    }

    private static final Check REFUSED = new Check(Standing.REFUSED, null);

    /** A token offered now (a hello): only what the signature proves admits it. */
    public Check check(String token) {
        return check(token, false);
    }

    /**
     * The token of an open socket, checked at its hello and asked about again (before a command, by the sweep): if
     * user-app's keys are out of reach, its claims are still read for what ends it ({@link #unverifiable}).
     */
    public Check recheck(String token) {
        return check(token, true);
    }

    private Check check(String token, boolean checkedAtHello) {
        if (token == null || token.isBlank() || token.length() > 8192) {
            return REFUSED;
        }
        try {
            JwtClaims claims = consumer.processToClaims(token);
            long issuedAt = claims.getIssuedAt() == null ? 0 : claims.getIssuedAt().getValue();
            TokenDenyList.Verdict verdict = denyList.check(claims.getJwtId(), claims.getSubject(), issuedAt);
            if (verdict != TokenDenyList.Verdict.ACCEPTED) {
                return verdict == TokenDenyList.Verdict.RENEWED ? new Check(Standing.STALE, null) : REFUSED;
            }
            List<String> groups = claims.getStringListClaimValue("groups");
            if (groups == null || !(groups.contains("host") || groups.contains("admin"))) {
                return REFUSED;
            }
            return new Check(Standing.VALID, new Host(claims.getSubject(), groups.contains("admin")));
        } catch (InvalidJwtException e) {
            if (causedByIo(e)) {
                // Not for a hello: a forged token's claims would be answered for (when a session ended, say).
                return checkedAtHello ? unverifiable(token) : UNVERIFIABLE;
            }
            // Expired and nothing else wrong with it (signature, issuer): jose4j lists every reason it found.
            boolean onlyExpired = e.hasExpired() && e.getErrorDetails().stream()
                    .allMatch(d -> d.getErrorCode() == ErrorCodes.EXPIRED);
            return onlyExpired ? new Check(Standing.STALE, null) : REFUSED;
        } catch (Exception e) {
            return REFUSED;
        }
    }

    /** Reads a token's claims without its signature: never to admit it, only to find it ended. */
    private static final JwtConsumer UNVERIFIED = new JwtConsumerBuilder()
            .setSkipAllValidators()
            .setDisableRequireSignature()
            .setSkipSignatureVerification()
            .build();
    private static final Check UNVERIFIABLE = new Check(Standing.UNVERIFIABLE, null);

    /**
     * User-app's keys could not be fetched (and none are kept): the signature cannot be checked now. The token of an
     * open socket was checked at its hello (only such a token comes here), so what it says still ends it, as with the keys at hand: a logout or an
     * ended session refuses it (the deny-list is in Redis, not in user-app), an expiry or a renewal makes it stale.
     * Otherwise it is {@link Standing#UNVERIFIABLE}, which admits no new hello.
     */
    Check unverifiable(String token) {
        JwtClaims claims;
        try {
            claims = UNVERIFIED.processToClaims(token);
            NumericDate expires = claims.getExpirationTime();
            if (expires != null && expires.getValue() + 30 < NumericDate.now().getValue()) {
                return new Check(Standing.STALE, null);
            }
            long issuedAt = claims.getIssuedAt() == null ? 0 : claims.getIssuedAt().getValue();
            TokenDenyList.Verdict verdict = denyList.check(claims.getJwtId(), claims.getSubject(), issuedAt);
            if (verdict != TokenDenyList.Verdict.ACCEPTED) {
                return verdict == TokenDenyList.Verdict.RENEWED ? new Check(Standing.STALE, null) : REFUSED;
            }
            return UNVERIFIABLE;
        } catch (InvalidJwtException | MalformedClaimException e) {
            return REFUSED; // not even a token's shape
        } catch (RuntimeException e) {
            return UNVERIFIABLE; // the deny-list could not say either: as before, an outage ends no game
        }
    }

    /** The key set could not be fetched (user-app away): the token is neither good nor bad as far as we can tell. */
    private static boolean causedByIo(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }
}
