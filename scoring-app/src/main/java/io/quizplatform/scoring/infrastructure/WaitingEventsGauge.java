package io.quizplatform.scoring.infrastructure;

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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The events set aside for a game scoring-app has not seen created ({@code waiting_events}), as gauges an alert can
 * watch: {@code scoring_events_waiting_for_game} and {@code scoring_events_waiting_oldest_seconds}. They wait for a
 * game.created that was parked: until an operator replays it, the game's scores, openings and end are not applied,
 * and nothing else says so. Read every {@code METRICS_REFRESH_SECONDS}, not at each scrape (a scrape never queries
 * the database); -1 while the table cannot be read.
 */
@ApplicationScoped
public class WaitingEventsGauge {

    private static final Logger LOG = Logger.getLogger(WaitingEventsGauge.class.getName());

    @Inject
    GameRepository games;

    @Inject
    MetricRegistry metrics;

    @Inject
    ServiceSettings settings;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final AtomicLong waiting = new AtomicLong(-1);
    private final AtomicLong oldestSeconds = new AtomicLong(-1);
    private volatile ScheduledFuture<?> refreshing;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        metrics.gauge("scoring.events.waiting.for.game", waiting, AtomicLong::get);
        metrics.gauge("scoring.events.waiting.oldest.seconds", oldestSeconds, AtomicLong::get);
        long period = settings.metricsRefreshSeconds();
        refreshing = scheduler.scheduleWithFixedDelay(this::refreshQuietly, Math.min(5, period), period, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        ScheduledFuture<?> f = refreshing;
        if (f != null) {
            f.cancel(false);
        }
    }

    private void refreshQuietly() {
        try {
            GameRepository.Waiting now = games.waiting();
            waiting.set(now.events());
            oldestSeconds.set(now.oldestSince() == null ? 0
                    : Math.max(0, Duration.between(now.oldestSince(), Instant.now()).toSeconds()));
        } catch (RuntimeException e) {
            waiting.set(-1);
            oldestSeconds.set(-1);
            LOG.log(Level.FINE, "waiting events not counted: " + e.getMessage());
        }
    }
}
