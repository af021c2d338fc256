package io.quizplatform.platform;

import org.junit.jupiter.api.Test;

import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are the database out of reach (no FFDC incident for them) and which are not. */
class FailuresTest {

    @Test
    void aBrokenOrRefusedConnectionIsTheDatabaseOutOfReach() {
        // What EclipseLink wraps when PostgreSQL goes away mid-transaction (PSQLException, SQLSTATE 08006).
        RuntimeException broken = new RuntimeException("Exception [EclipseLink-4002]",
                new SQLException("An I/O error occurred while sending to the backend.", "08006", new SocketException("Broken pipe")));
        RuntimeException refused = new RuntimeException(new SQLException("Connection to 127.0.0.1:15432 refused.", "08001"));
        RuntimeException poolTimedOut = new RuntimeException(new SQLTransientConnectionException("no connection within 5 s"));

        assertThat(Failures.databaseUnreachable(broken)).isTrue();
        assertThat(Failures.databaseUnreachable(refused)).isTrue();
        assertThat(Failures.databaseUnreachable(poolTimedOut)).isTrue();
    }

    @Test
    void aRefusedStatementOrABugIsNot() {
        RuntimeException constraint = new RuntimeException(new SQLException("duplicate key value", "23505"));
        RuntimeException noState = new RuntimeException(new SQLException("something"));

        assertThat(Failures.databaseUnreachable(constraint)).isFalse();
        assertThat(Failures.databaseUnreachable(noState)).isFalse();
        assertThat(Failures.databaseUnreachable(new NullPointerException())).isFalse();
    }

    @Test
    void aSocketFailureCountsOnlyBeneathADatabaseFailure() {
        // A client's connection reset while its request body was read: not the database.
        RuntimeException clientGone = new RuntimeException(new java.io.UncheckedIOException(new SocketException("Connection reset")));
        RuntimeException readTimedOut = new RuntimeException(new java.net.SocketTimeoutException("Async operation timed out"));
        // The driver's socket under a statement, with no SQLSTATE said.
        RuntimeException underStatement = new jakarta.persistence.PersistenceException(new SQLException("I/O error",
                (String) null, new java.net.SocketTimeoutException("Read timed out")));

        assertThat(Failures.databaseUnreachable(clientGone)).isFalse();
        assertThat(Failures.databaseUnreachable(readTimedOut)).isFalse();
        assertThat(Failures.databaseUnreachable(underStatement)).isTrue();
    }
}
