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
}
