package io.quizplatform.platform.redis;

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

    /** The probe asks on a thread of its own: a dependency that hangs never delays the other checks' questions. */
    @Resource
    ManagedThreadFactory threads;

    private java.util.concurrent.ExecutorService asker;

    private DependencyProbe probe;

    @PostConstruct
    void init() {
        asker = DependencyProbe.ownThread(threads, "redis");
        probe = new DependencyProbe("Redis", () -> {
            String pong = redis.client().ping();
            return new DependencyProbe.Answer("PONG".equals(pong), "Redis answered " + pong);
        }, asker, DependencyProbe.WAIT, DependencyProbe.FRESH);
    }

    @PreDestroy
    void close() {
        asker.shutdownNow();
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named(settings.serviceName() + ".redis");
        DependencyProbe.Answer answer = probe.probe();
        if (answer.reachable()) {
            return response.up().withData("reachable", true).build();
        }
        return response.status(!settings.redisRequiredForReadiness())
                .withData("reachable", false)
                .withData("degraded", true)
                .withData("error", answer.detail())
                .build();
    }
}
