package io.quizplatform.platform.persistence;

import java.sql.SQLException;

/** Recognizes a unique-constraint violation (SQLSTATE 23505) anywhere in an exception's cause chain. */
public final class UniqueViolation {

    private UniqueViolation() {
    }

    public static boolean isCausedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
