package io.quizplatform.platform.persistence;

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

import javax.sql.DataSource;
import java.sql.Connection;

/** Ready only when the service's own database answers and its schema is migrated. */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

    @Inject
    DataSource dataSource;

    @Inject
    SchemaMigrations migrations;

    @Inject
    ServiceSettings settings;

    /** The probe asks on a thread of its own: a dependency that hangs never delays the other checks' questions. */
    @Resource
    ManagedThreadFactory threads;

    private java.util.concurrent.ExecutorService asker;

    private DependencyProbe probe;

    @PostConstruct
    void init() {
        asker = DependencyProbe.ownThread(threads, "database");
        probe = new DependencyProbe("the database of " + settings.serviceName(), () -> {
            try (Connection connection = dataSource.getConnection()) {
                boolean valid = connection.isValid(2);
                return new DependencyProbe.Answer(valid, valid ? "valid" : "the database of " + settings.serviceName()
                        + " unreachable: connection not valid");
            }
        }, asker, DependencyProbe.WAIT, DependencyProbe.FRESH);
    }

    @PreDestroy
    void close() {
        asker.shutdownNow();
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named(settings.serviceName() + ".database");
        DependencyProbe.Answer answer = probe.probe();
        response.withData("reachable", answer.reachable()).withData("migrated", migrations.isMigrated());
        if (!answer.reachable()) {
            return response.down().withData("error", answer.detail()).build();
        }
        if (!migrations.isMigrated() && migrations.lastError() != null) {
            response.withData("error", migrations.lastError());
        }
        return response.status(migrations.isMigrated()).build();
    }
}
