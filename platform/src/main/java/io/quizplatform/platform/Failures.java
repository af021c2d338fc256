package io.quizplatform.platform;

/** What an operator is told of a failure: its deepest cause, which names what actually went wrong. */
public final class Failures {

    private Failures() {
    }

    public static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    /**
     * Whether the failure is the database being out of reach (a connection refused, broken or timed out: SQLSTATE
     * class 08, or the socket underneath a database failure), as opposed to a statement it refused or a bug. A socket
     * failure with no database failure above it (a client's connection reset while its body was read) is not.
     */
    public static boolean databaseUnreachable(Throwable t) {
        boolean database = false;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.sql.SQLTransientConnectionException || c instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            if (c instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            database |= c instanceof java.sql.SQLException || c instanceof jakarta.persistence.PersistenceException;
            if (database && (c instanceof java.net.SocketException || c instanceof java.net.SocketTimeoutException)) {
                return true;
            }
        }
        return false;
    }

    /** "SQLException: the database said ..." of the deepest cause. */
    public static String describe(Throwable t) {
        Throwable c = rootCause(t);
        return c.getClass().getSimpleName() + ": " + c.getMessage();
    }
}
