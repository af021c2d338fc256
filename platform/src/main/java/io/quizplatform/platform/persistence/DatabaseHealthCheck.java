package io.quizplatform.platform.persistence;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.health.DependencyProbe;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Ready only when the service's own database answers and its schema is migrated. */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseHealthCheck.class.getName());
    /** Above a connection's 10 s connect timeout and the read's 3 s: the transaction manager never ends it first. */
    private static final int TRANSACTION_TIMEOUT_SECONDS = 20;
    private static final int NETWORK_TIMEOUT_MILLIS = 3_000;

    @Inject
    @ForReadiness
    DataSource dataSource;

    @Inject
    SchemaMigrations migrations;

    @Inject
    ServiceSettings settings;

    @Resource
    UserTransaction transaction;

    /** The probe asks on a thread of its own: a dependency that hangs never delays the other checks' questions. */
    @Resource
    ManagedThreadFactory threads;

    private java.util.concurrent.ExecutorService asker;

    private DependencyProbe probe;

    @PostConstruct
    void init() {
        asker = DependencyProbe.ownThread(threads, "database");
        probe = new DependencyProbe("the database of " + settings.serviceName(), () -> {
            // In a transaction of its own, a statement rather than isValid(): the connection goes back to the pool
            // when the transaction ends, and one the database dropped fails with an SQLException the pool sees and
            // is replaced. Outside a transaction it stayed bound to this long-lived thread for good, and after an
            // outage the pool of one held that dead connection for ever.
            endTransaction(); // none is left behind; if one were, begin() would refuse every later question
            transaction.setTransactionTimeout(TRANSACTION_TIMEOUT_SECONDS);
            transaction.begin();
            try (Connection connection = dataSource.getConnection()) {
                // A link that drops packets fails the read in 3 s rather than when the kernel gives up (minutes).
                connection.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MILLIS);
                try (Statement statement = connection.createStatement()) {
                    statement.setQueryTimeout(2);
                    statement.execute("SELECT 1");
                }
                return new DependencyProbe.Answer(true, "valid");
            } finally {
                endTransaction(); // nothing was written
            }
        }, asker, DependencyProbe.WAIT, DependencyProbe.FRESH);
    }

    /** Rolls back this thread's transaction if it has one; a failure to do so only logged (the answer stands). */
    private void endTransaction() {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (Exception e) {
            LOG.log(Level.FINE, "ending the readiness check's transaction", e);
        }
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
