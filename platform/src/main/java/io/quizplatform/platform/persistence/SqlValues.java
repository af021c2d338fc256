package io.quizplatform.platform.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Values of native query results, whichever JDBC type the driver chose for them. */
public final class SqlValues {

    private SqlValues() {
    }

    /** A timestamptz column as an Instant ({@code null} stays null). */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        throw new IllegalStateException("not a timestamp: " + value.getClass());
    }
}
