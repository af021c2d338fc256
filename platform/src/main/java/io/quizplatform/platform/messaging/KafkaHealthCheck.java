package io.quizplatform.platform.messaging;

import io.quizplatform.platform.ServiceSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.concurrent.TimeUnit;

/** Ready only when the Kafka cluster answers and the topics exist. */
@Readiness
@ApplicationScoped
public class KafkaHealthCheck implements HealthCheck {

    @Inject
    KafkaClients clients;

    @Inject
    TopicProvisioner topics;

    @Inject
    ServiceSettings settings;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named(settings.serviceName() + ".kafka")
                .withData("bootstrapServers", settings.kafkaBootstrapServers())
                .withData("topicsProvisioned", topics.isProvisioned());
        try {
            int brokers = clients.admin().describeCluster().nodes().get(2, TimeUnit.SECONDS).size();
            response.withData("brokers", brokers);
            return response.status(brokers > 0 && topics.isProvisioned()).build();
        } catch (Exception e) {
            return response.down().withData("error", "Kafka unreachable: " + e.getClass().getSimpleName()).build();
        }
    }
}
