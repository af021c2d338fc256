package io.quizplatform.user.application;

import io.quizplatform.platform.security.TokenDenyList;
import io.quizplatform.user.domain.EndedTokens;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Logged-out and renewed tokens live in Redis, which every service reads, and in user_db ({@link EndedTokens}), the
 * record. Redis restarted empty (or flushed, failed over to a replica that was behind, one shard of a cluster lost)
 * forgot some: without this, a token logged out on a shared classroom computer worked again until it expired. Every
 * {@value SessionRevocations#REWRITE_SECONDS} s this writes back the ends of the last {@value #RECENT_MINUTES}
 * minutes (what a failover or a crash of a persisting Redis loses); every {@value #FULL_EVERY_ROUNDS} rounds, and at
 * once when the mark Redis keeps once it holds them all is gone (a Redis that lost everything), every unexpired one;
 * the mark is set only after they are all back, so a replica stopped half way leaves the work to the next round of
 * any. A logged-out token works again for at most that long. Writes are pipelined, a thousand a round trip, and
 * harmless twice (several replicas); it also forgets the expired ones.
 */
@ApplicationScoped
public class DeniedTokensRepair {

    private static final Logger LOG = Logger.getLogger(DeniedTokensRepair.class.getName());
    static final long RECENT_MINUTES = 5;
    /** Every ten minutes: losses the mark does not show (one shard of a cluster, a replica far behind). */
    static final int FULL_EVERY_ROUNDS = 40;
    private static final int PAGE = 1_000;

    @Inject
    EndedTokens endedTokens;

    @Inject
    TokenDenyList denyList;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private volatile ScheduledFuture<?> rounds;
    private int round;
    private boolean failing;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (rounds == null) {
            rounds = scheduler.scheduleWithFixedDelay(this::round, 3, SessionRevocations.REWRITE_SECONDS, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void stop() {
        ScheduledFuture<?> f = rounds;
        if (f != null) {
            f.cancel(false);
        }
    }

    synchronized void round() {
        try {
            endedTokens.forgetExpired(Instant.now().minusSeconds(60), 10_000);
            Instant now = Instant.now();
            boolean lost = !denyList.keepsDeniedTokens();
            boolean full = lost || round++ % FULL_EVERY_ROUNDS == 0;
            int written = writeBack(now, full ? Instant.EPOCH : now.minus(Duration.ofMinutes(RECENT_MINUTES)));
            if (full) {
                denyList.markDeniedTokensKept();
            }
            if (lost && written > 0) { // not at a first start, when there is nothing to lose
                LOG.info(() -> "user-app: Redis had lost the ended tokens; " + written + " unexpired ones written back");
            }
            if (failing) {
                failing = false;
                LOG.info(() -> "user-app: ended tokens written back to Redis again (" + written + ")");
            }
        } catch (RuntimeException e) {
            // user_db or Redis away (their health checks say so too): the next round does it again; said once.
            if (!failing) {
                failing = true;
                LOG.warning(() -> "user-app: could not write the ended tokens back to Redis (" + e.getClass().getSimpleName()
                        + "); trying again every " + SessionRevocations.REWRITE_SECONDS + " s");
            }
        }
    }

    /** Writes back the unexpired ends since {@code endedSince}; how many. */
    private int writeBack(Instant now, Instant endedSince) {
        int written = 0;
        String after = "";
        List<EndedTokens.EndedToken> page;
        do {
            page = endedTokens.unexpired(now, endedSince, after, PAGE);
            denyList.restore(page.stream().map(t -> new TokenDenyList.Ended(t.tokenId(),
                    t.endedAs() == EndedTokens.EndedAs.RENEWED, t.expiresAt())).toList());
            if (!page.isEmpty()) {
                after = page.get(page.size() - 1).tokenId();
            }
            written += page.size();
        } while (page.size() == PAGE);
        return written;
    }
}
