package io.quizplatform.platform.persistence;

import io.quizplatform.platform.ServiceSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings the service's database to the current schema with Flyway at start: first the platform tables
 * ({@code db/platform}, history in {@code platform_schema_history}), then the service's own
 * ({@code db/migration}). Both are versioned and never edited once released. Each location holds an empty
 * {@code flyway.location} file: Liberty's class loaders can list a directory only through a file inside it.
 */
@ApplicationScoped
public class SchemaMigrations {

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

    @Inject
    DataSource dataSource;

    @Inject
    ServiceSettings settings;

    private volatile boolean migrated;
    private volatile String lastError;

    /** Runs both migration sets; returns false (and remembers why) when the database can't be reached or refuses. */
    public synchronized boolean migrate() {
        if (migrated) {
            return true;
        }
        ClassLoader loader = SchemaMigrations.class.getClassLoader();
        ClassLoader appLoader = Thread.currentThread().getContextClassLoader();
        try {
            MigrateResult platform = Flyway.configure(loader)
                    .dataSource(dataSource)
                    .locations("classpath:db/platform")
                    .callbackLocations("classpath:db/platform")
                    .failOnMissingLocations(true)
                    .table("platform_schema_history")
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            MigrateResult service = Flyway.configure(appLoader != null ? appLoader : loader)
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .callbackLocations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            LOG.info(() -> settings.serviceName() + ": schema migrated (platform " + platform.migrationsExecuted
                    + " new, service " + service.migrationsExecuted + " new, now at " + service.targetSchemaVersion + ")");
            migrated = true;
            lastError = null;
            return true;
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            LOG.log(Level.WARNING, settings.serviceName() + ": schema migration failed, will retry: " + e.getMessage());
            return false;
        }
    }

    public boolean isMigrated() { return migrated; }

    public String lastError() { return lastError; }
}
