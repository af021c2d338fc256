package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.Failures;
import io.quizplatform.platform.ServiceSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.streams.operators.ReactiveStreams;
import org.eclipse.microprofile.reactive.streams.operators.SubscriberBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The service's consumers. Kafka records arrive through MicroProfile Reactive Messaging: each service declares one
 * {@code @Incoming} channel per topic it reads (Liberty's Kafka connector, consumer group = service name, settings in
 * MicroProfile Config), whose subscriber is {@link #channel}. Every record goes to its partition's {@link PartitionLane},
 * which applies it through the topic's {@link EventHandler} beans, and acknowledges it once applied or parked; the
 * connector commits acknowledged offsets.
 *
 * <p>The lanes stay closed until {@link #start} (called once the service's tables exist), so nothing is applied
 * (or wrongly parked) before the schema is there; records that come earlier wait, unacknowledged.
 */
@ApplicationScoped
public class EventConsumers {

    private static final Logger LOG = Logger.getLogger(EventConsumers.class.getName());

    @Inject
    Instance<EventHandler> handlerBeans;

    @Inject
    KafkaClients clients;

    @Inject
    TopicProvisioner topics;

    @Inject
    EventDelivery delivery;

    @Inject
    io.quizplatform.platform.tracing.Tracing tracing;

    @Inject
    ServiceSettings settings;

    @Inject
    MetricRegistry metrics;

    @Resource
    ManagedScheduledExecutorService executor;

    @Resource
    ContextService contextService;

    /**
     * The module's context (class loader, java:comp), captured by {@link #start}. In the EAR the connector calls
     * {@link #receive} on the application's threads, so the lanes run their work in the module's context instead.
     */
    private volatile Executor inModule = Runnable::run;

    private final Map<String, PartitionLane> lanes = new ConcurrentHashMap<>();
    private final Map<Topic, PartitionLane.Context> contexts = new ConcurrentHashMap<>();
    private volatile boolean open;
    private volatile boolean stopping;
    private LazyProducer deadLetters;
    /** The channels whose stream ended, with why: the connector never resumes one (the liveness check says so). */
    private final Map<String, String> endedChannels = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        deadLetters = new LazyProducer(clients, "dlq");
    }

    public Set<Topic> subscribedTopics() {
        return handlersByTopic().keySet();
    }

    /** The handlers of one topic, as its lanes call them (empty when the service does not consume it). */
    public List<EventHandler> handlersOf(Topic topic) {
        return handlersByTopic().getOrDefault(topic, List.of());
    }

    /**
     * The subscriber of one of the service's {@code @Incoming} channels: each message goes to {@link #receive}. Liberty's
     * connector ends a channel's stream when its poll loop fails and never starts it again, so the service would read
     * nothing more from that topic until restarted, silently: the end is logged and fails liveness instead
     * ({@link ChannelsLivenessCheck}), and the orchestrator restarts the instance.
     */
    public SubscriberBuilder<Message<String>, Void> channel(String channel, Topic topic) {
        return ReactiveStreams.<Message<String>>builder()
                .onError(e -> ended(channel, Failures.describe(e)))
                .onComplete(() -> ended(channel, "the stream completed"))
                .forEach(message -> {
                    try {
                        receive(topic, message);
                    } catch (RuntimeException e) {
                        // Thrown here it would end the channel; unacknowledged, the record is read again after a restart.
                        LOG.log(Level.SEVERE, channel + ": a message could not be queued", e);
                    }
                });
    }

    void ended(String channel, String why) {
        if (stopping) {
            return;
        }
        endedChannels.put(channel, why);
        LOG.severe(() -> settings.serviceName() + ": channel " + channel + " ended (" + why + "); nothing more is read from"
                + " it until this instance restarts, and liveness fails until then");
    }

    /** The channels that ended while the service ran, with why; empty while all are read. */
    public Map<String, String> endedChannels() {
        return Map.copyOf(endedChannels);
    }

    /**
     * A message of one of the service's channels, queued in its partition's lane. Returns at once (the connector goes on
     * with the other partitions); the message is acknowledged when its lane has applied or parked it.
     */
    void receive(Topic topic, Message<String> message) {
        @SuppressWarnings("unchecked")
        ConsumerRecord<String, String> record = message.unwrap(ConsumerRecord.class);
        boolean[] made = {false};
        PartitionLane lane = lanes.computeIfAbsent(record.topic() + "/" + record.partition(), k -> {
            made[0] = true;
            PartitionLane created = new PartitionLane(context(topic), record.partition());
            if (open) {
                created.open();
            }
            return created;
        });
        if (made[0] && open) {
            // start() may have run between this lane's making (closed) and its entry in the map, and not seen it:
            // opened here, or its partition would wait until a restart. (Opening an open lane changes nothing.)
            lane.open();
        }
        lane.add(new DeliveredRecord(record, message::ack));
    }

    /**
     * Opens the lanes: from now on records are applied. The consumed counters of every topic are registered now, at
     * zero, so that the first dead letter is an increase an alert sees, not a series that appears at 1.
     */
    public synchronized void start() {
        inModule = contextService.currentContextExecutor();
        subscribedTopics().forEach(this::context);
        open = true;
        lanes.values().forEach(PartitionLane::open);
    }

    /** Closes the lanes: unacknowledged records are read again after a restart or by the partition's next owner. */
    @PreDestroy
    public synchronized void stop() {
        stopping = true;
        open = false;
        lanes.values().forEach(PartitionLane::close);
        if (deadLetters != null) {
            deadLetters.close();
        }
    }

    /** Records received and not yet applied, and lanes holding a failing record (for health and diagnostics). */
    public int waiting() {
        return lanes.values().stream().mapToInt(PartitionLane::waiting).sum();
    }

    public long retryingLanes() {
        return lanes.values().stream().filter(PartitionLane::retrying).count();
    }

    private PartitionLane.Context context(Topic topic) {
        return contexts.computeIfAbsent(topic, t -> {
            String consumer = settings.serviceName();
            Tag service = new Tag("service", consumer);
            Tag topicTag = new Tag("topic", t.topicName());
            Counter applied = metrics.counter("events.consumed", service, topicTag, new Tag("outcome", "applied"));
            Counter duplicates = metrics.counter("events.consumed", service, topicTag, new Tag("outcome", "duplicate"));
            Counter deadLettered = metrics.counter("events.consumed", service, topicTag, new Tag("outcome", "dead-lettered"));
            Counter ignored = metrics.counter("events.consumed", service, topicTag, new Tag("outcome", "ignored"));
            // From the record's Kafka timestamp (its producer's send) to the commit that applied it: a lane's wait,
            // its retries and the apply itself, on top of the broker's hop. Across hosts it relies on their clocks.
            Timer latency = metrics.timer("events.consumed.latency", service, topicTag);
            // From the same timestamp to the connector handing the record over: the difference between the two is
            // this service's own part (the lane's wait and the transaction), the rest the producer's and the broker's.
            Timer receivedLatency = metrics.timer("events.received.latency", service, topicTag);
            return new PartitionLane.Context(consumer, t, handlersOf(t), delivery, settings.consumerRetryRounds(),
                    deadLetters::get, executor, task -> inModule.execute(task), new PartitionLane.ConsumerCounters() {
                @Override
                public void applied(long n) {
                    applied.inc(n);
                }

                @Override
                public void duplicates(long n) {
                    duplicates.inc(n);
                }

                @Override
                public void deadLettered() {
                    deadLettered.inc();
                }

                @Override
                public void ignored() {
                    ignored.inc();
                }

                @Override
                public void received(long sentAtMillis) {
                    since(receivedLatency, sentAtMillis);
                }

                @Override
                public void done(long sentAtMillis) {
                    since(latency, sentAtMillis);
                }
            }, tracing.enabled(), topics::parkFailed);
        });
    }

    private static void since(Timer timer, long sentAtMillis) {
        if (sentAtMillis < 0) {
            return; // a record without a timestamp (none of Kafka 4's)
        }
        timer.update(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - sentAtMillis)));
    }

    private Map<Topic, List<EventHandler>> handlersByTopic() {
        Map<Topic, List<EventHandler>> byTopic = new EnumMap<>(Topic.class);
        for (EventHandler handler : handlerBeans) {
            byTopic.computeIfAbsent(handler.topic(), t -> new ArrayList<>()).add(handler);
        }
        return byTopic;
    }
}
