package io.quizplatform.scoring.infrastructure;

import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.RepeatedFailure;
import io.quizplatform.platform.ServiceSettings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Drops the events that waited for their game's creation ({@code waiting_events}) longer than that creation can
 * still come: a game.created is read from quiz-events or replayed from its dead-letter topic, and after
 * {@link #AGE} neither holds it any more (30 days in the dead-letter topic, plus up to a segment's age before the
 * broker deletes it). Until then they wait, watched by {@link WaitingEventsGauge} and its alert; after it they could
 * only grow the table for good. Each drop is a warning naming the games and counts
 * ({@code scoring_events_waiting_expired_total}): those games' scores were never applied here.
 */
@ApplicationScoped
public class WaitingEventsExpiry {

    private static final Logger LOG = Logger.getLogger(WaitingEventsExpiry.class.getName());

    private static final String EXPIRED = "scoring.events.waiting.expired";
    static final Duration AGE = Topic.DEAD_LETTER_RETENTION.plusDays(7);
    /**
     * Often enough that a test sees it; one statement over a table that is small unless a game.created is parked
     * (the gauges read all of it as often).
     */
    static final Duration EVERY = Duration.ofSeconds(30);

    @Inject
    GameRepository games;

    @Inject
    MetricRegistry metrics;

    @Inject
    ServiceSettings settings;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final RepeatedFailure cannotExpire = new RepeatedFailure(LOG, "events waiting for their game's creation"
            + " could not be looked at for expiry, trying at every look", Duration.ofHours(6));
    private volatile ScheduledFuture<?> looking;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        metrics.counter(EXPIRED); // 0 until the first drop, so that a dashboard finds it
        try {
            looking = scheduler.scheduleWithFixedDelay(this::look, EVERY.toSeconds(), EVERY.toSeconds(), TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            LOG.fine("server stopping: no expiry of waiting events");
        }
    }

    @PreDestroy
    void stop() {
        ScheduledFuture<?> l = looking;
        if (l != null) {
            l.cancel(false);
        }
    }

    private void look() {
        Instant before = Instant.now().minus(AGE);
        Map<UUID, Long> dropped;
        try {
            dropped = games.expireWaiting(before);
            cannotExpire.recovered();
        } catch (RuntimeException e) {
            cannotExpire.occurred(settings.serviceName(), e);
            return;
        }
        if (!dropped.isEmpty()) {
            long events = dropped.values().stream().mapToLong(Long::longValue).sum();
            metrics.counter(EXPIRED).inc(events);
            LOG.warning(() -> settings.serviceName() + ": dropped " + events + " events that waited since before " + before
                    + " for the creation of their game, which can no longer come (never replayed from"
                    + " quiz-events.scoring-app.dlq within its " + Topic.DEAD_LETTER_RETENTION.toDays() + " days);"
                    + " events by game: " + dropped);
        }
    }
}
