package io.quizplatform.platform.persistence;

/**
 * A client error (or a failure its caller reports) on its way out of a transaction, checked so Liberty records no
 * FFDC for it; never seen by callers.
 */
final class ClientErrorInTransit extends Exception {

    private static final long serialVersionUID = 1L;

    ClientErrorInTransit(RuntimeException error) {
        super(error.getMessage(), error, false, false);
    }

    RuntimeException clientError() {
        return (RuntimeException) getCause();
    }
}
