package io.quizplatform.user.application;

import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.contracts.UserSessionsRevoked;
import io.quizplatform.platform.messaging.EventCodec;
import io.quizplatform.platform.persistence.AfterCommit;
import io.quizplatform.platform.security.TokenDenyList;
import io.quizplatform.user.domain.User;
import io.quizplatform.user.domain.UserRepository;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Ending every session of an account (a password change, an admin's lock). The cutoff is recorded in user_db with
 * the change and announced as {@code user.sessions-revoked} through the outbox, in the same transaction; after the
 * commit it is written to Redis ({@code TokenDenyList.endSessions}), where every service's token check reads it, so
 * the old tokens are refused everywhere at once.
 * <p>
 * user_db is the record, Redis the copy every service reads: every {@value #REWRITE_SECONDS} s user-app writes
 * again the cutoffs that can still void a live token (those of the last token lifetime), so a cutoff Redis missed
 * (it was down at the change) or lost (restarted empty) is back within that time. Writing one again is harmless:
 * Redis keeps the later of two cutoffs.
 */
@ApplicationScoped
public class SessionRevocations {

    private static final Logger LOG = Logger.getLogger(SessionRevocations.class.getName());
    static final long REWRITE_SECONDS = 15;

    @Inject
    UserRepository users;

    @Inject
    ProfileAnnouncements announcements;

    @Inject
    TokenDenyList denyList;

    @Resource
    TransactionSynchronizationRegistry transaction;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final AtomicBoolean redisMissedOne = new AtomicBoolean();
    private volatile ScheduledFuture<?> rewrites;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (rewrites == null) {
            rewrites = scheduler.scheduleWithFixedDelay(this::rewriteRecent, 2, REWRITE_SECONDS, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void stop() {
        ScheduledFuture<?> f = rewrites;
        if (f != null) {
            f.cancel(false);
        }
    }

    /**
     * Announces that the account's tokens issued before {@code validFrom} are void; inside the change's transaction,
     * after the change is saved (the event carries the version it produced).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void ended(User user, Instant validFrom, String reason, Instant now) {
        UserSessionsRevoked payload = new UserSessionsRevoked(user.id().toString(), validFrom, reason, now);
        // The topic is compacted: a revocation left last on the account's key would be all a later reader finds.
        announcements.followedByProfile(EventEnvelope.newEvent(EventTypes.USER_SESSIONS_REVOKED, "user",
                user.id().toString(), user.version(), now, EventCodec.payloadToJson(payload)), user, now);
        UUID userId = user.id();
        AfterCommit.run(transaction, () -> copyToRedis(userId, validFrom));
    }

    private boolean copyToRedis(UUID userId, Instant validFrom) {
        try {
            denyList.endSessions(userId.toString(), validFrom, forgetAt(validFrom));
            return true;
        } catch (RuntimeException e) {
            if (redisMissedOne.compareAndSet(false, true)) {
                LOG.warning(() -> "user-app: could not write an account's session cutoff to Redis (" + e.getMessage()
                        + "); it is recorded in user_db and written again every " + REWRITE_SECONDS + " s until Redis takes it");
            }
            return false;
        }
    }

    /** After this, every token issued before {@code validFrom} has expired anyway. */
    private Instant forgetAt(Instant validFrom) {
        return validFrom.plus(denyList.tokenLifetime()).plusSeconds(60);
    }

    /** Writes every cutoff that can still void a live token to Redis again. */
    void rewriteRecent() {
        List<UserRepository.SessionCutoff> recent;
        try {
            recent = users.sessionCutoffsAfter(Instant.now().minus(denyList.tokenLifetime()).minusSeconds(60));
        } catch (RuntimeException e) {
            return; // user_db away: the database health check says so; nothing new can have been recorded either
        }
        boolean all = true;
        for (UserRepository.SessionCutoff cutoff : recent) {
            if (!copyToRedis(cutoff.userId(), cutoff.validFrom())) {
                all = false;
                break;
            }
        }
        if (all && redisMissedOne.compareAndSet(true, false)) {
            LOG.info(() -> "user-app: session cutoffs written to Redis again (" + recent.size() + " within a token lifetime)");
        }
    }
}
