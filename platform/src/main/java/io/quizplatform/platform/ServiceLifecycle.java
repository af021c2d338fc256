package io.quizplatform.platform;

import io.quizplatform.platform.messaging.ConsumerLag;
import io.quizplatform.platform.messaging.EventConsumers;
import io.quizplatform.platform.messaging.KafkaClients;
import io.quizplatform.platform.messaging.ProcessedEventsPurge;
import io.quizplatform.platform.messaging.TopicProvisioner;
import io.quizplatform.platform.outbox.OutboxRelay;
import io.quizplatform.platform.persistence.SchemaMigrations;
import io.quizplatform.platform.redis.RedisConnection;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Starts a service's background machinery in the order it depends on: schema, topics, outbox relay, consumers (and
 * the refresh of their lag, and the purge of their old marks).
 * A dependency that is down at start does not stop the application: the step is retried every few seconds and
 * the health checks say what is missing meanwhile.
 */
@ApplicationScoped
public class ServiceLifecycle {

    private static final Logger LOG = Logger.getLogger(ServiceLifecycle.class.getName());

    @Inject
    ServiceSettings settings;

    @Inject
    SchemaMigrations migrations;

    @Inject
    TopicProvisioner topics;

    @Inject
    OutboxRelay relay;

    @Inject
    EventConsumers consumers;

    @Inject
    ConsumerLag lag;

    @Inject
    ProcessedEventsPurge purge;

    @Inject
    KafkaClients kafkaClients;

    @Inject
    RedisConnection redis;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean running;
    private volatile ScheduledFuture<?> startup;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        // A wrong Redis setting stops the start here, named (credentials never shown).
        LOG.info(settings.serviceName() + ": Redis " + redis.topology());
        running = true;
        if (!migrations.migrate()) {
            // Keep trying in the background; relay and consumers need the tables.
            startup = scheduler.scheduleWithFixedDelay(this::completeStartup, 3, 3, TimeUnit.SECONDS);
            return;
        }
        startMessaging();
    }

    private void completeStartup() {
        if (running && migrations.migrate()) {
            startMessaging();
            ScheduledFuture<?> f = startup;
            if (f != null) {
                f.cancel(false);
            }
        }
    }

    private synchronized void startMessaging() {
        if (!running) {
            return;
        }
        relay.start();
        consumers.start();
        lag.start(consumers.subscribedTopics());
        if (!topics.provision(consumers.subscribedTopics())) {
            scheduler.schedule(new Runnable() {
                @Override
                public void run() {
                    if (running && !topics.provision(consumers.subscribedTopics())) {
                        scheduler.schedule(this, 3, TimeUnit.SECONDS);
                    }
                }
            }, 3, TimeUnit.SECONDS);
        }
        // Last: housekeeping must not stand between the consumers and their topics.
        purge.start();
        LOG.info(() -> settings.serviceName() + ": outbox relay and consumers started");
    }

    void onStop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        running = false;
        ScheduledFuture<?> f = startup;
        if (f != null) {
            f.cancel(false);
        }
        purge.stop();
        lag.stop();
        consumers.stop();
        relay.stop();
        kafkaClients.close();
    }
}
