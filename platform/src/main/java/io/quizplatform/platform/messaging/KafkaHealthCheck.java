package io.quizplatform.platform.messaging;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.health.DependencyProbe;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.concurrent.TimeUnit;

/**
 * Reports Kafka. An instance is not ready before it has reached Kafka and created (or found) its topics. After that,
 * a Kafka outage does not take it out of rotation: writes wait in the outbox and answers are kept there, so every
 * instance can still serve; the check says {@code degraded} with the error. {@code KAFKA_REQUIRED_FOR_READINESS=true}
 * makes an outage fail readiness instead.
 */
@Readiness
@ApplicationScoped
public class KafkaHealthCheck implements HealthCheck {

    @Inject
    KafkaClients clients;

    @Inject
    TopicProvisioner topics;

    @Inject
    ServiceSettings settings;

    /** The probe asks on a thread of its own: a dependency that hangs never delays the other checks' questions. */
    @Resource
    ManagedThreadFactory threads;

    private java.util.concurrent.ExecutorService asker;

    private DependencyProbe probe;

    @PostConstruct
    void init() {
        asker = DependencyProbe.ownThread(threads, "kafka");
        probe = new DependencyProbe("Kafka", () -> {
            int brokers = clients.admin().describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
            return new DependencyProbe.Answer(brokers > 0, brokers > 0 ? Integer.toString(brokers) : "Kafka unreachable: no brokers");
        }, asker, DependencyProbe.WAIT, DependencyProbe.FRESH);
    }

    @PreDestroy
    void close() {
        asker.shutdownNow();
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named(settings.serviceName() + ".kafka")
                .withData("bootstrapServers", settings.kafkaBootstrapServers())
                .withData("topicsProvisioned", topics.isProvisioned());
        DependencyProbe.Answer kafka = probe.probe();
        if (!kafka.reachable()) {
            return response.status(topics.isProvisioned() && !settings.kafkaRequiredForReadiness())
                    .withData("reachable", false)
                    .withData("degraded", true)
                    .withData("error", kafka.detail())
                    .build();
        }
        return response.withData("reachable", true).withData("brokers", Integer.parseInt(kafka.detail()))
                .status(topics.isProvisioned()).build();
    }
}
