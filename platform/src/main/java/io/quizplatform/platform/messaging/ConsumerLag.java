package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.Failures;
import io.quizplatform.platform.ServiceSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The lag of the service's own consumer group (group = service name) on every partition of the topics it consumes:
 * the partition's log end offset minus the group's committed offset, exported as the gauge
 * {@code consumer_lag{group,topic,partition}}. Read from Kafka's admin API (the describe, committed offsets, earliest
 * and latest offsets: four requests) every {@code METRICS_REFRESH_SECONDS} on the managed scheduler, never per
 * scrape, so a scrape costs nothing and an idle service sends four small requests per period.
 *
 * <p>When a refresh fails (Kafka away, a request timing out) every partition's gauge reads {@value #UNKNOWN} until
 * the next refresh succeeds: "unknown", which an alert must leave out ({@code >= 0}); a gauge never throws. Every
 * replica of a service exports the same values for its group, so alerts and dashboards take the {@code max} per
 * partition.
 */
@ApplicationScoped
public class ConsumerLag {

    private static final Logger LOG = Logger.getLogger(ConsumerLag.class.getName());

    /** The gauge's value while the lag can't be read. */
    public static final long UNKNOWN = -1;

    private static final long REQUEST_TIMEOUT_SECONDS = 5;

    @Inject
    KafkaClients clients;

    @Inject
    ServiceSettings settings;

    @Inject
    MetricRegistry metrics;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedThreadFactory threads;

    /**
     * The admin requests wait up to {@value #REQUEST_TIMEOUT_SECONDS} s each while Kafka is away: they run on a thread
     * of their own, so the shared scheduler (the consumers' lanes run on it) only hands them over.
     */
    private volatile ExecutorService refresher;
    private final AtomicBoolean busy = new AtomicBoolean();

    private final Map<TopicPartition, AtomicLong> lags = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> refreshing;
    private volatile boolean failing;

    /** Starts the refreshes for the topics the service consumes (none: nothing to do). */
    public synchronized void start(Set<Topic> consumed) {
        if (refreshing != null || consumed.isEmpty()) {
            return;
        }
        Set<String> topics = consumed.stream().map(Topic::topicName).collect(Collectors.toUnmodifiableSet());
        long period = settings.metricsRefreshSeconds();
        ExecutorService own = Executors.newSingleThreadExecutor(task -> {
            Thread thread = threads.newThread(task);
            thread.setName(settings.serviceName() + "-consumer-lag");
            return thread;
        });
        refresher = own;
        refreshing = scheduler.scheduleWithFixedDelay(() -> {
            // One refresh at a time: a slow one (Kafka away) is not queued up behind.
            if (busy.compareAndSet(false, true)) {
                try {
                    own.execute(() -> {
                        try {
                            refresh(topics);
                        } finally {
                            busy.set(false);
                        }
                    });
                } catch (RuntimeException e) {
                    busy.set(false); // stopping
                }
            }
        }, Math.min(5, period), period, TimeUnit.SECONDS);
    }

    public synchronized void stop() {
        ScheduledFuture<?> f = refreshing;
        refreshing = null;
        if (f != null) {
            f.cancel(false);
        }
        ExecutorService own = refresher;
        refresher = null;
        if (own != null) {
            own.shutdownNow();
        }
    }

    /** The lag last read for a partition, {@value #UNKNOWN} if it could not be read (for tests and diagnostics). */
    public long lag(String topic, int partition) {
        AtomicLong value = lags.get(new TopicPartition(topic, partition));
        return value == null ? UNKNOWN : value.get();
    }

    void refresh(Set<String> topics) {
        String group = settings.serviceName();
        try {
            Admin admin = clients.admin();
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<TopicPartition> partitions = described.values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .toList();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = offsets(admin, partitions, OffsetSpec.latest());
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = offsets(admin, partitions, OffsetSpec.earliest());
            for (TopicPartition p : partitions) {
                OffsetAndMetadata c = committed.get(p);
                long lag = lag(c == null ? null : c.offset(), starts.get(p).offset(), ends.get(p).offset());
                gauge(group, p).set(lag);
            }
            if (failing) {
                failing = false;
                LOG.info(() -> group + ": consumer lag readable again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | LinkageError e) {
            lags.values().forEach(v -> v.set(UNKNOWN));
            if (!failing) {
                failing = true;
                // Kafka being away is reported by readiness and the clients; one line here, at the start only.
                LOG.info(() -> group + ": consumer lag not readable (" + Failures.describe(e)
                        + "); consumer_lag reads " + UNKNOWN + " until it is");
            }
        }
    }

    private static Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets(Admin admin,
            List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        return admin.listOffsets(request).all().get(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private AtomicLong gauge(String group, TopicPartition p) {
        return lags.computeIfAbsent(p, k -> {
            AtomicLong value = new AtomicLong(UNKNOWN);
            metrics.gauge("consumer.lag", value, AtomicLong::get, new Tag("group", group), new Tag("topic", k.topic()),
                    new Tag("partition", Integer.toString(k.partition())));
            return value;
        });
    }

    /**
     * Records the group has still to read on a partition. No committed offset (the group never committed there):
     * everything still in the log, as the consumers start from the earliest record. A committed offset below the log
     * start (those records were deleted by retention): also everything in the log, where the consumer resumes.
     */
    static long lag(Long committed, long logStart, long logEnd) {
        long position = committed == null ? logStart : Math.max(committed, logStart);
        return Math.max(0, logEnd - position);
    }
}
