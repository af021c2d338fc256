package io.quizplatform.platform.security;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.redis.RedisConnection;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.SetParams;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The access tokens that must be refused although their signature and expiry are fine, in Redis, which every
 * service reads on every authenticated call (one {@code MGET}):
 * <ul>
 *   <li>{@code denied-token:<jti>}: one token that was logged out ({@code 1}) or renewed ({@code renewed}), until it
 *   expires (user-app records them in user_db too, and writes them back when the mark {@code denied-tokens-kept} is
 *   gone: Redis lost them);</li>
 *   <li>{@code session-cutoff:<userId>}: every token of that account issued before this second (its {@code iat})
 *   after a password change or an admin's lock, kept one token lifetime (plus a minute) after the cutoff.</li>
 * </ul>
 * A cutoff this instance has seen is also kept in its memory until it lapses, so a later Redis outage does not
 * bring those tokens back on this instance.
 * <p>
 * <b>When Redis can't be asked, the check fails open</b>: the token is accepted (counted as
 * {@code token_denylist_unavailable_total}, logged once per outage, and once when Redis answers again). Redis is a
 * cache and a cache outage must not log every host out in the middle of a game; the price is that a token logged
 * out, or of an account whose sessions were ended, and not yet seen by this instance, works until Redis is back
 * (user-app then writes the cutoffs again from user_db) or it expires ({@code JWT_TTL_MINUTES}).
 */
@ApplicationScoped
public class TokenDenyList {

    private static final Logger LOG = Logger.getLogger(TokenDenyList.class.getName());
    private static final String PREFIX = "denied-token:";
    private static final String CUTOFF_PREFIX = "session-cutoff:";
    /** Keeps the later of two cutoffs: a late or replayed write never shortens a revocation. */
    private static final String RAISE_CUTOFF = """
            local current = redis.call('GET', KEYS[1])
            if (not current) or tonumber(current) < tonumber(ARGV[1]) then
              redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
              return 1
            end
            return 0""";

    /** What the check says about a token: {@code RENEWED} is refused like {@code LOGGED_OUT}, its page has a newer one. */
    public enum Verdict { ACCEPTED, LOGGED_OUT, RENEWED, SESSIONS_ENDED }

    /** The value of a token retired by its renewal; one logged out has {@code 1}. */
    private static final String RENEWED = "renewed";

    private record Cutoff(long validFromEpochSecond, Instant forgetAt) {
    }

    @Inject
    RedisConnection redis;

    @Inject
    ServiceSettings settings;

    @Inject
    MetricRegistry metrics;

    Counter unavailable;
    String service = "service";
    private final Map<String, Cutoff> knownCutoffs = new ConcurrentHashMap<>();
    private final AtomicBoolean outage = new AtomicBoolean();

    @PostConstruct
    void init() {
        service = settings.serviceName();
        unavailable = metrics.counter("token.denylist.unavailable", new Tag("service", service));
    }

    /** Refuses the token from now until it expires; throws when Redis can't record it (the caller reports it). */
    public void deny(String tokenId, Instant expiresAt) {
        redis.client().setex(PREFIX + tokenId, untilExpiry(expiresAt), "1");
    }

    /** Releases a token only if this key still says its renewal claimed it (a later logout stays). */
    private static final String UNDO_RENEWAL = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0""";

    /**
     * Retires a token for its renewal, once: false when it is retired already (another renewal of it won, or it was
     * logged out). Of two renewals of one token only one goes on, or each would start a session of its own that a
     * logout of the other never ends. Throws when Redis can't record it (the caller reports it).
     */
    public boolean claimRenewal(String tokenId, Instant expiresAt) {
        SetParams once = SetParams.setParams().nx().ex(untilExpiry(expiresAt));
        return "OK".equals(redis.client().set(PREFIX + tokenId, RENEWED, once));
    }

    /** How long a retired token's key is kept: until the token expires, and a minute more for clocks apart. */
    private static long untilExpiry(Instant expiresAt) {
        return Math.max(1, Duration.between(Instant.now(), expiresAt).toSeconds() + 60);
    }

    /** Set once the denied tokens were written again from user_db: gone when Redis lost what it held. */
    private static final String KEPT_MARK = "denied-tokens-kept";

    /** A token ended before it expires, as user-app's record has it. */
    public record Ended(String tokenId, boolean renewed, Instant expiresAt) {
    }

    /**
     * Writes again these tokens' ends (Redis lost them, or may have: a restart, a failover to a replica behind),
     * pipelined; one already here stays as it is. Throws when Redis can't take them.
     */
    public void restore(List<Ended> tokens) {
        Instant now = Instant.now();
        try (AbstractPipeline pipe = redis.client().pipelined()) {
            for (Ended token : tokens) {
                if (token.expiresAt().isAfter(now)) {
                    pipe.set(PREFIX + token.tokenId(), token.renewed() ? RENEWED : "1",
                            SetParams.setParams().nx().ex(untilExpiry(token.expiresAt())));
                }
            }
            pipe.sync();
        }
    }

    /** Whether Redis still holds every denied token written again last (false once it lost them all: a restart, a flush). */
    public boolean keepsDeniedTokens() {
        return redis.client().exists(KEPT_MARK);
    }

    /** Marks Redis as holding every denied token, once they have all been written again. */
    public void markDeniedTokensKept() {
        redis.client().set(KEPT_MARK, "1");
    }

    /** Gives a claimed token back when its renewal failed after the claim: the client may try again with it. */
    public void undoRenewal(String tokenId) {
        redis.client().eval(UNDO_RENEWAL, List.of(PREFIX + tokenId), List.of(RENEWED));
    }

    /**
     * Refuses every token of the account issued before {@code validFrom} until {@code forgetAt} (when the last of
     * them has expired). Throws when Redis can't record it; the caller keeps the cutoff and writes it again.
     */
    public void endSessions(String userId, Instant validFrom, Instant forgetAt) {
        remember(userId, validFrom.getEpochSecond(), forgetAt);
        long seconds = Duration.between(Instant.now(), forgetAt).toSeconds();
        if (seconds <= 0) {
            return;
        }
        redis.client().eval(RAISE_CUTOFF, List.of(CUTOFF_PREFIX + userId),
                List.of(Long.toString(validFrom.getEpochSecond()), Long.toString(seconds)));
    }

    /** Whether a verified token was logged out, or issued ({@code iat}) before its account's sessions were ended. */
    public Verdict check(String tokenId, String userId, long issuedAtEpochSecond) {
        Cutoff known = userId == null ? null : knownCutoffs.get(userId);
        if (known != null && known.forgetAt().isBefore(Instant.now())) {
            knownCutoffs.remove(userId, known);
            known = null;
        }
        if (known != null && issuedAtEpochSecond < known.validFromEpochSecond()) {
            return Verdict.SESSIONS_ENDED;
        }
        List<String> values;
        try {
            // Two reads in one round trip; not MGET, whose two keys a Redis Cluster keeps in different slots.
            try (AbstractPipeline pipe = redis.client().pipelined()) {
                Response<String> loggedOut = pipe.get(PREFIX + (tokenId == null ? "" : tokenId));
                Response<String> cutoff = pipe.get(CUTOFF_PREFIX + (userId == null ? "" : userId));
                pipe.sync();
                values = java.util.Arrays.asList(loggedOut.get(), cutoff.get());
            }
            if (outage.compareAndSet(true, false)) {
                LOG.info(() -> service + ": token deny-list reachable again; logged-out tokens and ended"
                        + " sessions are refused again");
            }
        } catch (RuntimeException e) {
            unavailable.inc();
            if (outage.compareAndSet(false, true)) {
                LOG.warning(() -> service + ": token deny-list (Redis) unreachable, accepting tokens"
                        + " without checking logout or ended sessions until it answers again: " + e);
            }
            return Verdict.ACCEPTED;
        }
        // The ended sessions first: a token renewed and then cut off (a lock) is told its session ended, not to use
        // the new token (which the cutoff voids too).
        String cutoff = values.get(1);
        if (cutoff != null) {
            long validFrom = Long.parseLong(cutoff);
            remember(userId, validFrom, Instant.now().plus(tokenLifetime()).plusSeconds(60));
            if (issuedAtEpochSecond < validFrom) {
                return Verdict.SESSIONS_ENDED;
            }
        }
        if (tokenId != null && values.get(0) != null) {
            return RENEWED.equals(values.get(0)) ? Verdict.RENEWED : Verdict.LOGGED_OUT;
        }
        return Verdict.ACCEPTED;
    }

    /** {@code JWT_TTL_MINUTES}: how long a token lives, so how long a cutoff matters. */
    public Duration tokenLifetime() {
        return settings.tokenLifetime();
    }

    private void remember(String userId, long validFrom, Instant forgetAt) {
        knownCutoffs.merge(userId, new Cutoff(validFrom, forgetAt),
                (a, b) -> a.validFromEpochSecond() >= b.validFromEpochSecond() ? a : b);
        if (knownCutoffs.size() > 10_000) {
            Instant now = Instant.now();
            knownCutoffs.values().removeIf(c -> c.forgetAt().isBefore(now));
        }
    }
}
