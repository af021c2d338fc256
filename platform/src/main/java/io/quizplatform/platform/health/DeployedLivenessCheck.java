package io.quizplatform.platform.health;

import io.quizplatform.platform.ServiceSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while deployed. Dependencies are deliberately not part of liveness: restarting a process because Kafka or
 * the database is down would not bring them back; readiness takes the instance out of rotation instead.
 */
@Liveness
@ApplicationScoped
public class DeployedLivenessCheck implements HealthCheck {

    @Inject
    ServiceSettings settings;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(settings.serviceName() + ".deployed").up().build();
    }
}
