package io.quizplatform.platform.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * An RFC 9457 problem document: what went wrong, for a person ({@code detail}) and for a program
 * ({@code type}, {@code status}, {@code errors} with the offending field).
 */
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Built directly rather than parsed: parsing needs a JAX-RS runtime, which plain unit tests don't have. */
    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

    public record FieldError(String field, String message) {
    }

    public static Problem of(Response.StatusType status, String detail) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, null, List.of());
    }

    public static Problem of(int status, String title, String detail, List<FieldError> errors) {
        return new Problem("about:blank", title, status, detail, null, errors == null ? List.of() : errors);
    }

    public Response toResponse() {
        return Response.status(status).type(PROBLEM_JSON).entity(this).build();
    }
}
