package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.RepeatedFailure;
import io.quizplatform.platform.ServiceSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drops the marks of applied events ({@link ProcessedEvents}) once Kafka can no longer hand their record back to the
 * consumer: by then no redelivery, offset reset or replay can bring the event again, so the mark guards nothing.
 * Without it processed_events grew by a row per answer in answer_db and in scoring_db for good, and every insert of
 * the answer burst went into an ever larger index.
 *
 * <p>Only marks of delete-policy topics go: a compacted topic (user-events) keeps a key's latest record for ever, and
 * its marks are few. The retention ({@code PROCESSED_EVENTS_RETENTION_HOURS}, default 45 days) must outlast a record's
 * stay in Kafka: the topic's retention plus up to a segment's age (7 days by default) before the broker deletes it,
 * and for a replayed dead letter its topic's 30 days.
 */
@ApplicationScoped
public class ProcessedEventsPurge {

    private static final Logger LOG = Logger.getLogger(ProcessedEventsPurge.class.getName());

    /** Marks dropped per transaction, and transactions per look at most (the next look goes on). */
    static final int PER_STATEMENT = 10_000;
    static final int STATEMENTS_PER_LOOK = 100;
    /** The first look waits a little for the start's own work (it finds little to drop: one an hour follows). */
    static final Duration FIRST_LOOK = Duration.ofSeconds(20);
    static final Duration EVERY = Duration.ofHours(1);

    /** The topics whose records leave Kafka after their retention. */
    static final List<String> DELETE_POLICY_TOPICS = Arrays.stream(Topic.values())
            .filter(t -> t.cleanup() == Topic.Cleanup.DELETE)
            .map(Topic::topicName)
            .toList();

    /** The longest a delete-policy topic keeps a record: its retention plus a segment's age (7 days by default). */
    static final Duration SHORTEST_SAFE = Arrays.stream(Topic.values())
            .filter(t -> t.cleanup() == Topic.Cleanup.DELETE)
            .map(Topic::retention)
            .max(Duration::compareTo).orElseThrow().plusDays(7);

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    ServiceSettings settings;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final RepeatedFailure cannotPurge = new RepeatedFailure(LOG, "old marks of applied events (processed_events)"
            + " could not be dropped, trying at every look", Duration.ofHours(6));
    private volatile Duration retention = Duration.ZERO;
    private volatile ScheduledFuture<?> looking;

    public void start() {
        long hours = settings.processedEventsRetentionHours();
        if (hours <= 0) {
            LOG.info(settings.serviceName() + ": marks of applied events are kept for good (PROCESSED_EVENTS_RETENTION_HOURS=0)");
            return;
        }
        retention = Duration.ofHours(hours);
        if (retention.compareTo(SHORTEST_SAFE) < 0) {
            // Allowed (tests shorten it; the chart refuses it): said once, because a record the consumer reads again
            // after its mark went (a rewind, a rebalance from an old offset) would then be applied twice.
            LOG.warning(settings.serviceName() + ": PROCESSED_EVENTS_RETENTION_HOURS=" + hours + " drops the marks of"
                    + " applied events before Kafka drops their records (up to " + SHORTEST_SAFE.toHours() + " h on the"
                    + " delete-policy topics, a segment's age included): a record read again after that is applied"
                    + " twice. Use 0 (keep them) or at least " + SHORTEST_SAFE.toHours() + " (the default, 1080, also covers a"
                    + " dead letter replayed again within its " + Topic.DEAD_LETTER_RETENTION.toDays() + " days).");
        }
        try {
            looking = scheduler.scheduleWithFixedDelay(this::look, FIRST_LOOK.toSeconds(), EVERY.toSeconds(), TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            LOG.fine("server stopping: no purge of processed_events");
        }
    }

    public void stop() {
        ScheduledFuture<?> l = looking;
        if (l != null) {
            l.cancel(false);
        }
    }

    /** One look: drops the marks older than the retention, a statement at a time; returns how many. */
    long look() {
        Instant cutoff = Instant.now().minus(retention);
        long dropped = 0;
        try {
            for (int i = 0; i < STATEMENTS_PER_LOOK; i++) {
                int n = processedEvents.dropBefore(cutoff, DELETE_POLICY_TOPICS, PER_STATEMENT);
                dropped += n;
                if (n < PER_STATEMENT) {
                    break;
                }
            }
            cannotPurge.recovered();
        } catch (RuntimeException e) {
            // The database is away: the next look goes on where this one stopped.
            cannotPurge.occurred(settings.serviceName(), e);
        }
        if (dropped > 0) {
            long total = dropped;
            LOG.log(Level.FINE, () -> settings.serviceName() + ": dropped " + total + " marks of events applied before " + cutoff);
        }
        return dropped;
    }
}
