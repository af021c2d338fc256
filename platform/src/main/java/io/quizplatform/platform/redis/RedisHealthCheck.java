package io.quizplatform.platform.redis;

import io.quizplatform.platform.ServiceSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports Redis. Redis is a cache (the game goes on from PostgreSQL without it), so by default an unreachable
 * Redis is named in the readiness data ({@code degraded}) without taking the service out of rotation; set
 * {@code REDIS_REQUIRED_FOR_READINESS=true} to make it fail readiness instead.
 */
@Readiness
@ApplicationScoped
public class RedisHealthCheck implements HealthCheck {

    @Inject
    RedisConnection redis;

    @Inject
    ServiceSettings settings;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named(settings.serviceName() + ".redis");
        try {
            String pong = redis.client().ping();
            return response.status("PONG".equals(pong)).withData("reachable", true).build();
        } catch (RuntimeException e) {
            return response.status(!settings.redisRequiredForReadiness())
                    .withData("reachable", false)
                    .withData("degraded", true)
                    .withData("error", "Redis unreachable: " + e.getClass().getSimpleName())
                    .build();
        }
    }
}
