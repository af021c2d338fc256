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

    /** "SQLException: the database said ..." of the deepest cause. */
    public static String describe(Throwable t) {
        Throwable c = rootCause(t);
        return c.getClass().getSimpleName() + ": " + c.getMessage();
    }
}
