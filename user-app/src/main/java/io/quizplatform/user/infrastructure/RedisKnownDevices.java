package io.quizplatform.user.infrastructure;

import io.quizplatform.platform.redis.RedisConnection;
import io.quizplatform.user.application.KnownDevices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Known browsers in Redis, one sorted set per account: {@code known-devices:<SHA-256 of the e-mail>}, members the
 * SHA-256 of each browser's token, scored by when it was handed out; at most {@link KnownDevices#PER_ACCOUNT}
 * members and {@link KnownDevices#DAYS} days. Bounded per account however often it signs in, and only digests are kept, so a
 * copy of Redis signs no one in (an e-mail's digest can still be matched against a list of addresses). Redis unreachable: no browser is known (the login limits
 * are let through then as well).
 */
@ApplicationScoped
public class RedisKnownDevices implements KnownDevices {

    private static final Logger LOG = Logger.getLogger(RedisKnownDevices.class.getName());
    private static final String PREFIX = "known-devices:";
    /** 32 random bytes, base64url without padding: what {@link #remember} hands out, nothing else is looked up. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long KEPT_SECONDS = Duration.ofDays(DAYS).toSeconds();

    /** Adds the new token, drops the replaced one, the expired ones and all but the newest; one script, one key. */
    private static final String REMEMBER = """
            redis.call('ZREM', KEYS[1], ARGV[3])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[2]) - tonumber(ARGV[4]))
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -1 - tonumber(ARGV[5]))
            redis.call('EXPIRE', KEYS[1], ARGV[4])
            return 1""";

    @Inject
    RedisConnection redis;

    @Override
    public Optional<String> remember(String normalizedEmail, String replacedToken, Instant since) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String replaced = replacedToken != null && TOKEN.matcher(replacedToken).matches() ? sha256(replacedToken) : "";
        try {
            redis.client().eval(REMEMBER, List.of(PREFIX + sha256(normalizedEmail)), List.of(sha256(token),
                    Long.toString(since.getEpochSecond()), replaced, Long.toString(KEPT_SECONDS),
                    Integer.toString(PER_ACCOUNT)));
            return Optional.of(token);
        } catch (RuntimeException e) {
            LOG.warning(() -> "user-app: a known browser not recorded (Redis unavailable): " + e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    @Override
    public Optional<KnownBrowser> known(List<String> tokens, String normalizedEmail) {
        List<String> wellFormed = tokens.stream().filter(t -> t != null && TOKEN.matcher(t).matches()).toList();
        if (wellFormed.isEmpty()) {
            return Optional.empty();
        }
        String key = PREFIX + sha256(normalizedEmail);
        try (AbstractPipeline pipe = redis.client().pipelined()) {
            List<Response<Double>> scores = new ArrayList<>();
            for (String token : wellFormed) {
                scores.add(pipe.zscore(key, sha256(token)));
            }
            pipe.sync();
            long oldest = Instant.now().getEpochSecond() - KEPT_SECONDS;
            for (int i = 0; i < wellFormed.size(); i++) {
                Double since = scores.get(i).get();
                if (since != null && since.longValue() > oldest) {
                    String token = wellFormed.get(i);
                    return Optional.of(new KnownBrowser(token, sha256(token)));
                }
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
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
