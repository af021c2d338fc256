package io.quizplatform.platform.api;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.util.List;

/**
 * An RFC 9457 problem document: what went wrong, for a person ({@code detail}) and for a program
 * ({@code type}, {@code status}, {@code errors} with the offending field).
 */
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Built directly rather than parsed: parsing needs a JAX-RS runtime, which plain unit tests don't have. */
    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

    /**
     * One offending field: its path as the client sent it, a stable {@code code} for programs (kebab-case, listed in
     * the README's "Refusals"; a client translates by it and never needs to parse the message) and a message in
     * English for people.
     */
    @JsonbPropertyOrder({"field", "code", "message"})
    public record FieldError(String field, String code, String message) {
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

    /** Answers a servlet's request with this problem, where no JAX-RS runtime writes it (filters, error pages). */
    public void writeTo(HttpServletResponse response) throws IOException {
        JsonArrayBuilder fields = Json.createArrayBuilder();
        errors.forEach(e -> fields.add(Json.createObjectBuilder()
                .add("field", e.field()).add("code", e.code()).add("message", e.message())));
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("type", type)
                .add("title", title)
                .add("status", status)
                .add("detail", detail);
        if (instance != null) {
            body.add("instance", instance);
        }
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body.add("errors", fields).build().toString());
    }
}
