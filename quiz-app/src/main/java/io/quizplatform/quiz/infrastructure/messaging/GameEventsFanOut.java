package io.quizplatform.quiz.infrastructure.messaging;

import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.messaging.KafkaClients;
import io.quizplatform.quiz.application.GameChanged;
import io.quizplatform.quiz.infrastructure.eventstore.GameEventStore;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every quiz-app instance reads the game events of quiz-events in a consumer group of its own (a broadcast), so
 * players of one game connected to different instances all hear of every change, in the order of the game's
 * partition, whichever instance made it. Several events of one game in one poll become one push.
 */
@ApplicationScoped
public class GameEventsFanOut {

    private static final Logger LOG = Logger.getLogger(GameEventsFanOut.class.getName());

    @Inject
    KafkaClients clients;

    @Inject
    ServiceSettings settings;

    @Inject
    Event<GameChanged> changed;

    @Inject
    GameEventStore gameStore;

    @Resource
    ManagedThreadFactory threads;

    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;

    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 1100) @Initialized(ApplicationScoped.class) Object ignored) {
        if (running) {
            return;
        }
        running = true;
        Thread thread = threads.newThread(this::run);
        thread.setName(settings.serviceName() + "-game-fanout");
        thread.start();
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void run() {
        // A group of its own per instance and start: only what happens from now on is of interest.
        String group = settings.serviceName() + "-fanout-" + UUID.randomUUID();
        while (running) {
            try (KafkaConsumer<String, String> c = clients.newBroadcastConsumer(group)) {
                consumer = c;
                c.subscribe(List.of(Topic.QUIZ_EVENTS.topicName()));
                while (running) {
                    Set<String> games = new LinkedHashSet<>();
                    for (ConsumerRecord<String, String> record : c.poll(Duration.ofMillis(500))) {
                        Header type = record.headers().lastHeader("event-type");
                        if (type != null && new String(type.value(), StandardCharsets.UTF_8).startsWith("game.")) {
                            games.add(record.key());
                        }
                    }
                    for (String gameId : games) {
                        try {
                            gameStore.load(UUID.fromString(gameId)).ifPresent(game -> changed.fire(new GameChanged(game)));
                        } catch (RuntimeException e) {
                            LOG.log(Level.WARNING, "could not push the change of game " + gameId, e);
                        }
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "game fan-out consumer failed, restarting", e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } finally {
                consumer = null;
            }
        }
    }
}
