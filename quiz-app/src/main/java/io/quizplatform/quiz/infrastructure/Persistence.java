package io.quizplatform.quiz.infrastructure;

import io.quizplatform.platform.persistence.ForReadiness;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import javax.sql.DataSource;

/** The quiz database, as the platform's beans (outbox, migrations, health) and the repositories see it. */
@ApplicationScoped
public class Persistence {

    @Produces
    @PersistenceContext(unitName = "quiz")
    EntityManager entityManager;

    @Produces
    @Resource(lookup = "jdbc/quizDb")
    DataSource dataSource;

    /** The readiness check's own one-connection pool: it takes none of the requests' connections. */
    @Produces
    @ForReadiness
    @Resource(lookup = "jdbc/quizDbProbe")
    DataSource readinessDataSource;
}
