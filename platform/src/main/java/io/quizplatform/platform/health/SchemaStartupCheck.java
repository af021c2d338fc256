package io.quizplatform.platform.health;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.persistence.SchemaMigrations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the service's schema is migrated. */
@Startup
@ApplicationScoped
public class SchemaStartupCheck implements HealthCheck {

    @Inject
    SchemaMigrations migrations;

    @Inject
    ServiceSettings settings;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(settings.serviceName() + ".schema").status(migrations.isMigrated()).build();
    }
}
