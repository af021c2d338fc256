package io.quizplatform.platform.security;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.persistence.ReportedByCaller;
import io.quizplatform.platform.redis.RedisConnection;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * Fixed-window counters in Redis with a TTL: {@code rate:<bucket>:<key>}. When Redis is unreachable the limiter
 * lets the request through (logged and counted): Redis is a cache, and logging in matters more than throttling.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class.getName());

    @Inject
    RedisConnection redis;

    @Inject
    ServiceSettings settings;

    @Inject
    MetricRegistry metrics;

    private Counter rejected;
    private Counter unavailable;

    /** The outcome of one attempt: allowed, or refused until {@code retryAfterSeconds} have passed. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
        static final Decision ALLOW = new Decision(true, 0);

        /** Throws {@link TooManyAttempts} if refused; {@code what} names what was attempted too often. */
        public void orRefuse(String what) {
            if (!allowed) {
                throw new TooManyAttempts(what, retryAfterSeconds);
            }
        }
    }

    /**
     * Something attempted too often: a refusal in the limiter's words, free of HTTP, which the api answers with 429
     * and Retry-After ({@link TooManyAttemptsMapper}); expected by whoever calls a transaction
     * that meets it, so it leaves one without an FFDC incident.
     */
    @ReportedByCaller
    public static final class TooManyAttempts extends RuntimeException {
        private final String what;
        private final long retryAfterSeconds;

        TooManyAttempts(String what, long retryAfterSeconds) {
            super("too many " + what, null, false, false); // a refusal, not a failure: no stack to fill
            this.what = what;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        /** What was attempted too often, in the client's words ("login attempts"). */
        public String what() {
            return what;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** Counts an attempt in the key's window (started by the first attempt): returns the count and the seconds left. */
    public static final String COUNT_ATTEMPT = "redis.call('SET', KEYS[1], '0', 'NX', 'EX', ARGV[1]) "
            + "local n = redis.call('INCR', KEYS[1]) "
            + "return {n, redis.call('TTL', KEYS[1])}";

    /**
     * Counts one attempt at a value (ARGV[2]) in the key's window: returns how many distinct values the window holds
     * when this one is new to it, 0 for a value tried before (never refused), and the seconds left. A new value over
     * the limit (ARGV[3]) is not kept: it was not tried.
     */
    public static final String COUNT_DISTINCT = "local n = redis.call('HINCRBY', KEYS[1], ARGV[2], 1) "
            + "if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end "
            + "local distinct = 0 "
            + "if n == 1 then distinct = redis.call('HLEN', KEYS[1]) "
            + "if distinct > tonumber(ARGV[3]) then redis.call('HDEL', KEYS[1], ARGV[2]) end end "
            + "return {distinct, redis.call('TTL', KEYS[1])}";

    /** Takes one attempt at a value (ARGV[1]) back from the key's window; a value with none left is forgotten. */
    public static final String GIVE_BACK_DISTINCT = "if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then "
            + "redis.call('HDEL', KEYS[1], ARGV[1]) end return 0";

    @PostConstruct
    void init() {
        Tag service = new Tag("service", settings.serviceName());
        rejected = metrics.counter("rate.limit.rejected", service);
        unavailable = metrics.counter("rate.limiter.unavailable", service);
    }

    /** Counts one attempt against {@code limit} per {@code window} for this bucket and key. */
    public Decision attempt(String bucket, String key, int limit, Duration window) {
        // One script, so the count and its window are set atomically on a single server, a cluster or Sentinel.
        return counted(bucket, key, COUNT_ATTEMPT, List.of(Long.toString(window.toSeconds())), limit + 1L);
    }

    /**
     * Counts one attempt at {@code value} against {@code limit} distinct values per {@code window} for this bucket and
     * key: a value tried before in the window is let through again, as it tells the caller nothing new (the same wrong
     * PIN typed by a whole class, where a scan tries new ones).
     */
    public Decision attemptDistinct(String bucket, String key, String value, int limit, Duration window) {
        return counted(bucket, key, COUNT_DISTINCT, List.of(Long.toString(window.toSeconds()), value, Integer.toString(limit)),
                limit + 1L);
    }

    /**
     * Takes back one {@link #attemptDistinct} at {@code value}: for limits on an outcome (a wrong PIN), counted before
     * the outcome is known, so attempts sent at once cannot all pass a check made before any of them is counted,
     * and given back when it turns out otherwise. Nothing happens when Redis cannot be asked.
     */
    public void giveBackDistinct(String bucket, String key, String value) {
        try {
            redis.client().eval(GIVE_BACK_DISTINCT, List.of(redisKey(bucket, key)), List.of(value));
        } catch (RuntimeException e) {
            LOG.fine(() -> settings.serviceName() + ": an attempt of " + bucket + " not given back: " + e);
        }
    }

    private String redisKey(String bucket, String key) {
        return "rate:" + settings.serviceName() + ":" + bucket + ":" + key;
    }

    /** Refused once the script's count reaches {@code refusedFrom}; let through when Redis can't be asked. */
    private Decision counted(String bucket, String key, String script, List<String> args, long refusedFrom) {
        try {
            @SuppressWarnings("unchecked")
            List<Long> countAndTtl = (List<Long>) redis.client().eval(script, List.of(redisKey(bucket, key)), args);
            if (countAndTtl.get(0) >= refusedFrom) {
                rejected.inc();
                return new Decision(false, Math.max(1, countAndTtl.get(1)));
            }
            return Decision.ALLOW;
        } catch (RuntimeException e) {
            unavailable.inc();
            LOG.warning(() -> settings.serviceName() + ": rate limiter unavailable, letting " + bucket + " through: " + e);
            return Decision.ALLOW;
        }
    }
}
