package io.quizplatform.scoring.infrastructure;

import io.quizplatform.platform.persistence.ForReadiness;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import javax.sql.DataSource;

/** The scoring database, as the platform's beans (outbox, migrations, health) and the repositories see it. */
@ApplicationScoped
public class Persistence {

    /** Reads and writes the text of the JSONB columns (and the JSONB parameters of set-based statements). */
    static final Jsonb JSONB = JsonbBuilder.create();

    @Produces
    @PersistenceContext(unitName = "scoring")
    EntityManager entityManager;

    @Produces
    @Resource(lookup = "jdbc/scoringDb")
    DataSource dataSource;

    /** The readiness check's own one-connection pool: it takes none of the requests' connections. */
    @Produces
    @ForReadiness
    @Resource(lookup = "jdbc/scoringDbProbe")
    DataSource readinessDataSource;
}
