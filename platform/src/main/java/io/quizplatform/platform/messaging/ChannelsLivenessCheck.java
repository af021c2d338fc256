package io.quizplatform.platform.messaging;

import io.quizplatform.platform.ServiceSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import java.util.Map;

/**
 * Down once one of the service's Kafka channels has ended. Unlike a dependency that is away (readiness), an ended
 * channel is this process's own broken state: the connector does not start it again, and only a restart reads the
 * topic again (from the last committed offset, so nothing is lost).
 */
@Liveness
@ApplicationScoped
public class ChannelsLivenessCheck implements HealthCheck {

    @Inject
    EventConsumers consumers;

    @Inject
    ServiceSettings settings;

    @Override
    public HealthCheckResponse call() {
        Map<String, String> ended = consumers.endedChannels();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(settings.serviceName() + ".channels")
                .status(ended.isEmpty());
        ended.forEach((channel, why) -> response.withData(channel, "ended: " + why));
        return response.build();
    }
}
