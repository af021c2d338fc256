package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.ServiceSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Starts one consumer loop per topic that the service's {@link EventHandler} beans listen to. */
@ApplicationScoped
public class EventConsumers {

    @Inject
    Instance<EventHandler> handlerBeans;

    @Inject
    KafkaClients clients;

    @Inject
    EventDelivery delivery;

    @Inject
    ServiceSettings settings;

    @Inject
    MetricRegistry metrics;

    @Resource
    ManagedThreadFactory threads;

    private final List<EventConsumerLoop> loops = new ArrayList<>();

    public Set<Topic> subscribedTopics() {
        return handlersByTopic().keySet();
    }

    /** The handlers of one topic, as its consumer loop calls them (empty when the service does not consume it). */
    public List<EventHandler> handlersOf(Topic topic) {
        return handlersByTopic().getOrDefault(topic, List.of());
    }

    public synchronized void start() {
        if (!loops.isEmpty()) {
            return;
        }
        for (var entry : handlersByTopic().entrySet()) {
            EventConsumerLoop loop = new EventConsumerLoop(entry.getKey(), settings.serviceName(), entry.getValue(),
                    clients, delivery, metrics, settings.consumerRetryRounds());
            loops.add(loop);
            Thread thread = threads.newThread(loop);
            thread.setName(settings.serviceName() + "-consumer-" + entry.getKey().topicName());
            thread.start();
        }
    }

    public synchronized void stop() {
        loops.forEach(EventConsumerLoop::stop);
        loops.clear();
    }

    private Map<Topic, List<EventHandler>> handlersByTopic() {
        Map<Topic, List<EventHandler>> byTopic = new EnumMap<>(Topic.class);
        for (EventHandler handler : handlerBeans) {
            byTopic.computeIfAbsent(handler.topic(), t -> new ArrayList<>()).add(handler);
        }
        return byTopic;
    }
}
