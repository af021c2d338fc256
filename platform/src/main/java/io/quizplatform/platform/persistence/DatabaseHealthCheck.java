package io.quizplatform.platform.persistence;

import io.quizplatform.platform.ServiceSettings;
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

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named(settings.serviceName() + ".database");
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(2);
            response.withData("reachable", valid).withData("migrated", migrations.isMigrated());
            if (!migrations.isMigrated() && migrations.lastError() != null) {
                response.withData("error", migrations.lastError());
            }
            return response.status(valid && migrations.isMigrated()).build();
        } catch (Exception e) {
            return response.down().withData("error", "database unreachable: " + e.getMessage()).build();
        }
    }
}
