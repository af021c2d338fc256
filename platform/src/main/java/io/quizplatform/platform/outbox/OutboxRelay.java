package io.quizplatform.platform.outbox;

import io.quizplatform.platform.Failures;
import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.messaging.EventSender;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves committed outbox rows to Kafka, on a managed thread of its own. It is woken right after a commit that
 * wrote to the outbox, and sends every pending row of the database, whoever wrote it. While nothing is written it
 * sleeps: it looks on its own only every {@code OUTBOX_POLL_INTERVAL_MS} (default 10 s), for rows nobody woke a relay
 * for (an instance that died between its commit and the wake-up; rows left by a crash are sent at start). Woken while
 * another instance's relay holds the database's relay lock, it tries again after {@value #BUSY_RETRY_MILLIS} ms, so
 * its rows never wait for that interval. When Kafka is down it backs off exponentially; the rows wait in the database.
 *
 * <p>Its gauges, {@code outbox_events_pending} and {@code outbox_oldest_pending_seconds}, come from one query every
 * {@code METRICS_REFRESH_SECONDS} (default 30) on the managed scheduler, not from a query per scrape; both read -1
 * while the database can't say.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());

    /** The wait before trying again when another relay held the lock (it may have read before our rows committed). */
    static final long BUSY_RETRY_MILLIS = 100;
    /**
     * After this long without an acknowledgement, a step sends its first row alone and the others only once the broker
     * took it: rows handed to the connector together are each sent whatever became of the ones before them.
     */
    static final long SENT_ALONE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);
    private volatile long lastAcknowledgedNanos = System.nanoTime() - SENT_ALONE_AFTER_NANOS - 1;

    @Inject
    OutboxBatch batch;

    @Inject
    EventSender sender;

    @Inject
    ServiceSettings settings;

    @Inject
    MetricRegistry metrics;

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private long pollIntervalMillis;
    private int batchSize;
    private long retentionHours;

    /** Published rows dropped per statement. */
    static final int PURGE_BATCH = 10_000;

    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private volatile Thread worker;
    private Counter published;
    private Counter failures;
    private Timer latency;
    private volatile PendingOutbox pending = PendingOutbox.unknown(System.nanoTime());
    private volatile ScheduledFuture<?> gaugeRefresh;
    private final Map<String, List<Consumer<Published>>> whenPublished = new ConcurrentHashMap<>();

    /** An event of this service's outbox that is now in Kafka (the broker acknowledged it). */
    public record Published(String topic, String key, String eventType, String envelope) {
    }

    /**
     * Has {@code listener} told of every event of this type once the broker has it (on the relay's thread, after the
     * step that sent it): for whoever must know an event is in its partition before sending something behind it.
     */
    public void whenPublished(String eventType, Consumer<Published> listener) {
        whenPublished.computeIfAbsent(eventType, t -> new CopyOnWriteArrayList<>()).add(listener);
    }

    void tell(List<OutboxMessage> sent) {
        if (whenPublished.isEmpty()) {
            return;
        }
        for (OutboxMessage row : sent) {
            List<Consumer<Published>> listeners = whenPublished.get(row.getEventType());
            if (listeners == null) {
                continue;
            }
            Published event = new Published(row.getTopic(), row.getMessageKey(), row.getEventType(), row.getEnvelope());
            for (Consumer<Published> listener : listeners) {
                try {
                    listener.accept(event);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a listener of published " + row.getEventType() + " events failed: "
                            + Failures.describe(e));
                }
            }
        }
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        pollIntervalMillis = settings.outboxPollIntervalMillis();
        batchSize = settings.outboxBatchSize();
        retentionHours = settings.outboxRetentionHours();
        Tag service = new Tag("service", settings.serviceName());
        published = metrics.counter("outbox.events.published", service);
        failures = metrics.counter("outbox.publish.failures", service);
        latency = metrics.timer("outbox.publish.latency", service);
        metrics.gauge("outbox.events.pending", this, r -> r.pending.rows(), service);
        metrics.gauge("outbox.oldest.pending.seconds", this, r -> r.pending.oldestAgeSeconds(System.nanoTime()), service);
        long period = settings.metricsRefreshSeconds();
        gaugeRefresh = scheduler.scheduleWithFixedDelay(this::refreshGauges, 0, period, TimeUnit.SECONDS);
        running = true;
        worker = threads.newThread(this::relayLoop);
        worker.setName(settings.serviceName() + "-outbox-relay");
        worker.start();
    }

    public void wakeUp() {
        wakeUps.release();
    }

    public synchronized void stop() {
        running = false;
        ScheduledFuture<?> refresh = gaugeRefresh;
        if (refresh != null) {
            refresh.cancel(false);
        }
        wakeUps.release();
        Thread t = worker;
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * {@code outbox.publish.latency}: from when each event was appended (its stamp, in the transaction that wrote it)
     * to the broker's acknowledgement: the rest of that transaction, the wake-up, the relay's queue and the send.
     */
    private void timeSent(List<OutboxMessage> sent) {
        Instant now = Instant.now();
        for (OutboxMessage row : sent) {
            Duration waited = Duration.between(row.getCreatedAt(), now);
            latency.update(waited.isNegative() ? Duration.ZERO : waited);
        }
    }

    /** One query for both gauges; a failure makes them read -1 (the relay logs the database's trouble itself). */
    void refreshGauges() {
        try {
            pending = PendingOutbox.of(batch.pending(), System.nanoTime());
        } catch (RuntimeException e) {
            pending = PendingOutbox.unknown(System.nanoTime());
            LOG.log(Level.FINE, "outbox gauges not refreshed", e);
        }
    }

    private void relayLoop() {
        long backoff = 0;
        Instant failingSince = null;
        Instant nextPurge = Instant.now().plusSeconds(60);
        while (running) {
            try {
                // While Kafka is away, one row probes it (the connector logs each failed send), not a whole batch. After
                // a pause the broker's state is not known: the first row goes alone, the others once it is taken.
                int limit = failingSince == null ? batchSize : 1;
                boolean firstAlone = System.nanoTime() - lastAcknowledgedNanos > SENT_ALONE_AFTER_NANOS;
                OutboxBatch.Result result = batch.publishNext(sender, limit, 10_000, firstAlone);
                if (result.published() > 0) {
                    lastAcknowledgedNanos = System.nanoTime();
                }
                published.inc(result.published());
                timeSent(result.sent());
                tell(result.sent());
                if (result.error() != null) {
                    failures.inc();
                    backoff = backoff == 0 ? 500 : Math.min(backoff * 2, 10_000);
                    if (failingSince == null) {
                        failingSince = Instant.now();
                        LOG.warning(settings.serviceName() + ": outbox relay could not publish (" + result.error()
                                + "); the events wait in the outbox, retried with backoff up to 10 s"
                                + " (outbox_publish_failures_total); logged again when they leave");
                    }
                } else {
                    backoff = 0;
                    if (failingSince != null) {
                        LOG.info(settings.serviceName() + ": outbox relay publishing again after "
                                + Duration.between(failingSince, Instant.now()).toSeconds() + " s");
                        failingSince = null;
                    }
                    long wait = waitAfter(result, limit, pollIntervalMillis);
                    if (wait < pollIntervalMillis) {
                        pause(wait, true); // more rows are waiting, or another relay was busy
                        continue;
                    }
                }
                if (Instant.now().isAfter(nextPurge)) {
                    nextPurge = purgeStep();
                }
            } catch (RuntimeException e) {
                failures.inc();
                backoff = backoff == 0 ? 500 : Math.min(backoff * 2, 10_000);
                if (failingSince == null) {
                    failingSince = Instant.now();
                    LOG.warning(settings.serviceName() + ": outbox relay step failed (" + Failures.describe(e)
                            + "); the events wait in the outbox, retried with backoff up to 10 s"
                            + " (outbox_publish_failures_total); logged again when they leave");
                }
            }
            pause(backoff > 0 ? backoff : pollIntervalMillis, backoff == 0);
        }
    }

    /**
     * Drops one bounded batch of rows published before the retention; returns when to drop the next: at once while
     * full batches come back (between publishing steps, which go first), in an hour once the old rows are gone. A
     * failure is no publishing failure (the events still leave): tried again in five minutes.
     */
    private Instant purgeStep() {
        try {
            int dropped = batch.purgePublishedBefore(Instant.now().minus(Duration.ofHours(retentionHours)), PURGE_BATCH);
            return dropped == PURGE_BATCH ? Instant.now() : Instant.now().plusSeconds(3600);
        } catch (RuntimeException e) {
            LOG.warning(settings.serviceName() + ": published outbox rows not dropped (" + Failures.describe(e)
                    + "); tried again in five minutes");
            return Instant.now().plusSeconds(300);
        }
    }

    /**
     * How long to wait after a step that did not fail: none when a full batch was sent (more rows are waiting), a
     * moment when another relay held the lock (it may have read before our rows committed), else until the next look
     * of its own unless a commit wakes it first.
     */
    static long waitAfter(OutboxBatch.Result result, int batchSize, long pollIntervalMillis) {
        if (!result.lockHeld()) {
            return Math.min(BUSY_RETRY_MILLIS, pollIntervalMillis);
        }
        return result.attempted() == batchSize ? 0 : pollIntervalMillis;
    }

    private void pause(long millis, boolean wakeable) {
        try {
            if (wakeable) {
                if (wakeUps.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
                    wakeUps.drainPermits();
                }
            } else {
                Thread.sleep(millis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
