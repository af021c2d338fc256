package io.quizplatform.platform.security;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.redis.RedisConnection;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Access tokens that were logged out before they expire, by token id ({@code jti}), in Redis until their expiry.
 * Every service reads it on every authenticated call. If Redis can't be asked, the check lets the token through
 * (counted as {@code token_denylist_unavailable_total}): tokens are short-lived, and a cache outage must not log
 * every host out.
 */
@ApplicationScoped
public class TokenDenyList {

    private static final Logger LOG = Logger.getLogger(TokenDenyList.class.getName());
    private static final String PREFIX = "denied-token:";

    @Inject
    RedisConnection redis;

    @Inject
    ServiceSettings settings;

    @Inject
    MetricRegistry metrics;

    private Counter unavailable;

    @PostConstruct
    void init() {
        unavailable = metrics.counter("token.denylist.unavailable", new Tag("service", settings.serviceName()));
    }

    /** Refuses the token from now until it expires; throws when Redis can't record it (the caller reports it). */
    public void deny(String tokenId, Instant expiresAt) {
        long seconds = Math.max(1, Duration.between(Instant.now(), expiresAt).toSeconds() + 60);
        redis.client().setex(PREFIX + tokenId, seconds, "1");
    }

    public boolean isDenied(String tokenId) {
        if (tokenId == null) {
            return false;
        }
        try {
            return redis.client().exists(PREFIX + tokenId);
        } catch (RuntimeException e) {
            unavailable.inc();
            LOG.warning(() -> settings.serviceName() + ": token deny-list unavailable, accepting token: " + e);
            return false;
        }
    }
}
