package io.quizplatform.platform.api;

import java.util.List;

/**
 * A client-caused failure of a use case that maps to a problem response (409 duplicate, 404 unknown, ...).
 * Thrown from the application layer; the transaction rolls back, so nothing is half-applied.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors;
    }

    /** A 400 naming one field of the request: "field: message", with the field's error. */
    public static ProblemException invalid(String field, String code, String message) {
        return new ProblemException(400, "Invalid request", field + ": " + message,
                List.of(new Problem.FieldError(field, code, message)));
    }

    public Problem toProblem() {
        return Problem.of(status, title, getMessage(), errors);
    }

    /** Extra response headers, such as Retry-After on a 429. */
    public java.util.Map<String, String> headers() {
        return java.util.Map.of();
    }
}
