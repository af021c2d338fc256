package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.ServiceSettings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Creates the platform's topics as code, with the partitions, retention and cleanup policies of the contracts,
 * instead of trusting broker auto-create. Every service ensures all main topics (creation is idempotent, so the
 * first service to start wins) plus the dead-letter topics of its own consumers.
 */
@ApplicationScoped
public class TopicProvisioner {

    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class.getName());

    @Inject
    KafkaClients clients;

    @Inject
    ServiceSettings settings;

    /** How often a record that could not be parked has the topics created again, at most. */
    static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(10);

    private volatile boolean provisioned;
    private volatile Set<Topic> consumed = Set.of();
    private final AtomicLong lastRecheck = new AtomicLong(System.nanoTime() - RECHECK_NANOS);
    private ExecutorService recreator;

    @Resource
    ManagedThreadFactory threads;

    public boolean isProvisioned() { return provisioned; }

    /** Returns true once every topic exists; false when Kafka could not be reached (the caller retries). */
    public boolean provision(Set<Topic> consumedTopics) {
        if (provisioned) {
            return true;
        }
        consumed = Set.copyOf(consumedTopics);
        provisioned = createAll(consumedTopics);
        return provisioned;
    }

    /**
     * A record could not be parked: the broker may be away, or an operator deleted the dead-letter topic (the broker
     * does not create topics, so the lane would wait for ever). The topics are created again, at most every 10 s, on a
     * thread of their own (the caller may hold a transaction and a lock while it waits for Kafka); those that exist
     * are left as they are.
     */
    public void parkFailed() {
        long last = lastRecheck.get();
        long now = System.nanoTime();
        if (now - last >= RECHECK_NANOS && lastRecheck.compareAndSet(last, now)) {
            try {
                recreating().execute(() -> createAll(consumed));
            } catch (RejectedExecutionException e) {
                // Stopping.
            }
        }
    }

    private synchronized ExecutorService recreating() {
        if (recreator == null) {
            recreator = Executors.newSingleThreadExecutor(task -> {
                Thread thread = threads.newThread(task);
                thread.setName(settings.serviceName() + "-topic-recreation");
                return thread;
            });
        }
        return recreator;
    }

    @PreDestroy
    synchronized void stop() {
        if (recreator != null) {
            recreator.shutdownNow();
        }
    }

    private boolean createAll(Set<Topic> consumedTopics) {
        List<NewTopic> wanted = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            wanted.add(newTopic(topic.topicName(), topic.partitions(), topic.cleanup(), topic.retention()));
        }
        for (Topic topic : consumedTopics) {
            wanted.add(newTopic(topic.deadLetterTopicFor(settings.serviceName()), topic.partitions(), Topic.Cleanup.DELETE,
                    Topic.DEAD_LETTER_RETENTION));
        }
        var result = clients.admin().createTopics(wanted);
        List<String> created = new ArrayList<>();
        for (var entry : result.values().entrySet()) {
            try {
                entry.getValue().get(10, TimeUnit.SECONDS);
                created.add(entry.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    LOG.warning(() -> settings.serviceName() + ": could not create topic " + entry.getKey() + ": " + e.getCause());
                    return false;
                }
            } catch (Exception e) {
                LOG.warning(() -> settings.serviceName() + ": Kafka not reachable for topic creation: " + e);
                return false;
            }
        }
        if (!created.isEmpty()) {
            LOG.info(() -> settings.serviceName() + ": created topics " + created);
        }
        return true;
    }

    private NewTopic newTopic(String name, int partitions, Topic.Cleanup cleanup, java.time.Duration retention) {
        Map<String, String> config = new HashMap<>();
        config.put("cleanup.policy", cleanup == Topic.Cleanup.COMPACT ? "compact" : "delete");
        if (retention != null) {
            config.put("retention.ms", Long.toString(retention.toMillis()));
        }
        config.put("min.insync.replicas", Integer.toString(settings.topicMinInsyncReplicas()));
        config.put("unclean.leader.election.enable", "false");
        return new NewTopic(name, partitions, settings.topicReplicationFactor()).configs(config);
    }
}
