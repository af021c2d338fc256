package io.quizplatform.user.infrastructure;

import io.quizplatform.platform.redis.RedisConnection;
import io.quizplatform.user.application.KnownDevices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.params.SetParams;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Known browsers in Redis: {@code known-device:<SHA-256 of the token>} holds the SHA-256 of the account's e-mail for
 * {@link KnownDevices#DAYS} days. Only digests are kept, so a copy of Redis neither signs anyone in nor lists e-mails.
 * Redis unreachable: no browser is known (the login limits are let through then as well).
 */
@ApplicationScoped
public class RedisKnownDevices implements KnownDevices {

    private static final Logger LOG = Logger.getLogger(RedisKnownDevices.class.getName());
    private static final String PREFIX = "known-device:";
    /** 32 random bytes, base64url without padding: what {@link #remember} hands out, nothing else is looked up. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    RedisConnection redis;

    @Override
    public Optional<String> remember(String normalizedEmail) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            redis.client().set(PREFIX + sha256(token), sha256(normalizedEmail),
                    SetParams.setParams().ex(Duration.ofDays(DAYS).toSeconds()));
            return Optional.of(token);
        } catch (RuntimeException e) {
            LOG.warning(() -> "user-app: a known browser not recorded (Redis unavailable): " + e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    @Override
    public boolean knows(String token, String normalizedEmail) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return false;
        }
        try {
            return sha256(normalizedEmail).equals(redis.client().get(PREFIX + sha256(token)));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }
}
