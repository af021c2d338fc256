package io.quizplatform.quiz.infrastructure.game;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.quiz.domain.game.PlayerTokenIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The token a player gets on joining: HS256, bound to one game and one player, valid for 12 hours. It is how a
 * player who reloads the page or changes network gets back into the same game as the same player. The secret
 * comes from {@code PLAYER_TOKEN_SECRET} or is generated once and kept in quiz_db, so every instance accepts it.
 */
@ApplicationScoped
public class PlayerTokens implements PlayerTokenIssuer {

    public static final Duration LIFETIME = Duration.ofHours(12);
    private static final String ISSUER = "quiz-app/players";

    @Inject
    ServiceSettings settings;

    @Inject
    PlayerTokenKeys stored;

    private volatile HmacKey key;

    public record PlayerClaims(String gameId, String playerId) {
    }

    @Override
    public String issue(String gameId, String playerId, Instant now) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(playerId);
        claims.setClaim("gid", gameId);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(LIFETIME).getEpochSecond()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(key());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign a player token", e);
        }
    }

    /** The game and player of a valid token; empty for anything forged, expired or malformed. */
    public Optional<PlayerClaims> verify(String token) {
        if (token == null || token.isBlank() || token.length() > 2000) {
            return Optional.empty();
        }
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(key())
                .setExpectedIssuer(ISSUER)
                .setRequireExpirationTime()
                .setRequireSubject()
                .setJwsAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .build();
        try {
            JwtClaims claims = consumer.processToClaims(token);
            Object gid = claims.getClaimValue("gid");
            return gid instanceof String g ? Optional.of(new PlayerClaims(g, claims.getSubject())) : Optional.empty();
        } catch (InvalidJwtException | org.jose4j.jwt.MalformedClaimException e) {
            return Optional.empty();
        }
    }

    private HmacKey key() {
        HmacKey k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = new HmacKey(loadSecret());
                }
                k = key;
            }
        }
        return k;
    }

    private byte[] loadSecret() {
        String configured = settings.get("player.token.secret", "");
        if (!configured.isBlank()) {
            byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 32) {
                throw new IllegalStateException("PLAYER_TOKEN_SECRET must be at least 32 bytes");
            }
            return bytes;
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        return Base64.getDecoder().decode(stored.storeIfAbsent(Base64.getEncoder().encodeToString(fresh)));
    }
}
