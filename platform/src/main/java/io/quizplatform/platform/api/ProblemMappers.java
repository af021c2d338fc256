package io.quizplatform.platform.api;

import io.quizplatform.platform.Failures;
import io.quizplatform.platform.api.json.JsonInputException;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every error leaves as {@code application/problem+json}. Client mistakes get a 4xx with a message a person can
 * act on; a database out of reach gets a 503 with Retry-After; anything unexpected gets a 500 with an incident id
 * (the stack trace goes to the log, never the client).
 */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    @Provider
    public static class ForProblemException implements ExceptionMapper<ProblemException> {
        @Override
        public Response toResponse(ProblemException e) {
            Response.ResponseBuilder response = Response.fromResponse(e.toProblem().toResponse());
            e.headers().forEach(response::header);
            if (e.toProblem().status() == 401) {
                response.header("WWW-Authenticate", "Bearer");
            }
            return response.build();
        }
    }

    @Provider
    public static class ForConstraintViolation implements ExceptionMapper<ConstraintViolationException> {

        @Context
        UriInfo uri;

        @Override
        public Response toResponse(ConstraintViolationException e) {
            java.util.Set<String> parameters = new java.util.HashSet<>();
            if (uri != null) {
                parameters.addAll(uri.getQueryParameters(false).keySet());
                parameters.addAll(uri.getPathParameters(false).keySet());
            }
            List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                    .map(v -> new Problem.FieldError(fieldOf(v, parameters), codeOf(v), v.getMessage()))
                    .sorted(Comparator.comparing(Problem.FieldError::field))
                    .toList();
            String detail = errors.stream().map(f -> f.field() + ": " + f.message())
                    .reduce((a, b) -> a + "; " + b).orElse("invalid request");
            return Problem.of(400, "Invalid request", detail, errors).toResponse();
        }

        /**
         * The rule's code, from its constraint: {@code required} (a value is missing), {@code too-long} or
         * {@code too-short} (a {@code @Size} with one bound, as the domain's own length rules say it; {@code size}
         * with both), {@code range} (a number out of its bounds), {@code pattern}, {@code email}; {@code invalid} else.
         */
        static String codeOf(ConstraintViolation<?> violation) {
            java.lang.annotation.Annotation annotation = violation.getConstraintDescriptor() == null ? null
                    : violation.getConstraintDescriptor().getAnnotation();
            if (annotation instanceof jakarta.validation.constraints.Size size) {
                return size.min() <= 0 ? "too-long" : size.max() == Integer.MAX_VALUE ? "too-short" : "size";
            }
            String constraint = annotation == null ? "" : annotation.annotationType().getSimpleName();
            return switch (constraint) {
                case "NotNull", "NotBlank", "NotEmpty" -> "required";
                case "Min", "Max", "DecimalMin", "DecimalMax", "Positive", "PositiveOrZero", "Negative",
                     "NegativeOrZero" -> "range";
                case "Pattern" -> "pattern";
                case "Email" -> "email";
                default -> "invalid";
            };
        }

        /**
         * {@code register.arg0.email} becomes {@code email}: the client knows its body, not our method names. A
         * query or path parameter is named as the client sent it ({@code scope}); the body as a whole is {@code body}.
         */
        static String fieldOf(ConstraintViolation<?> violation, java.util.Set<String> parameters) {
            String field = null;
            String parameter = null;
            boolean inBody = false;
            for (Path.Node node : violation.getPropertyPath()) {
                switch (node.getKind()) {
                    case METHOD, CONSTRUCTOR -> { }
                    case PARAMETER -> {
                        inBody = true;
                        parameter = node.getName();
                    }
                    default -> field = field == null ? node.toString() : field + "." + node;
                }
            }
            if (field != null) {
                return field;
            }
            if (parameter != null && parameters.contains(parameter)) {
                return parameter;
            }
            return inBody ? "body" : "request";
        }
    }

    /** A body or parameter refused by the strict reader: 400 naming every offending field. */
    @Provider
    public static class ForJsonInput implements ExceptionMapper<JsonInputException> {
        @Override
        public Response toResponse(JsonInputException e) {
            return invalidInput(e);
        }
    }

    @Provider
    public static class ForJsonb implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return malformed(e);
        }
    }

    @Provider
    public static class ForProcessing implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return malformed(e);
        }
    }

    @Provider
    public static class ForWebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            int status = original.getStatus();
            if (status >= 500) {
                return unexpected(e);
            }
            Throwable cause = e.getCause();
            if (cause instanceof JsonInputException input) {
                return invalidInput(input);
            }
            if (cause instanceof JsonbException || cause instanceof ProcessingException) {
                return malformed(cause);
            }
            String parameter = unconvertibleParameter(e);
            if (parameter != null) {
                return Problem.of(400, "Invalid request", parameter + ": is not a valid value",
                        List.of(new Problem.FieldError(parameter, "invalid", "is not a valid value"))).toResponse();
            }
            Response.StatusType type = original.getStatusInfo();
            // Framework messages (RESTEasy codes, internal paths) say nothing useful to a client; ours do.
            String detail = e.getMessage() != null && !e.getMessage().startsWith("HTTP " + status)
                    && !e.getMessage().startsWith("RESTEASY") && !namesInternals(e.getMessage())
                    ? e.getMessage() : defaultDetail(status);
            Response.ResponseBuilder builder = Response.status(status).type(Problem.PROBLEM_JSON)
                    .entity(Problem.of(type, detail));
            original.getHeaders().forEach((name, values) -> {
                if (!"Content-Type".equalsIgnoreCase(name)) {
                    values.forEach(v -> builder.header(name, v));
                }
            });
            return builder.build();
        }
    }

    @Provider
    public static class ForAnythingElse implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            // A strict-reader refusal or a 413 wrapped by the framework is still the client's mistake.
            for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
                if (t instanceof JsonInputException || t instanceof WebApplicationException w && w.getResponse().getStatus() == 413) {
                    return malformed(t);
                }
            }
            return unexpected(e);
        }
    }

    private static final java.util.regex.Pattern PARAMETER = java.util.regex.Pattern.compile(
            "(?:QueryParam|PathParam|HeaderParam|FormParam|MatrixParam)\\(\"([A-Za-z0-9_.-]{1,64})\"\\)");

    /**
     * The name of a query, path or header parameter the framework could not convert (say {@code page=abc} for an
     * int), or null. The framework answers those with 404 (query, path) or 400 and a message naming the annotation.
     */
    static String unconvertibleParameter(WebApplicationException e) {
        return unconvertibleParameter(e.getResponse().getStatus(), e.getMessage());
    }

    /** Whether a message would show a client our insides: a package, a class, an exception, SQL. */
    static boolean namesInternals(String message) {
        return INTERNALS.matcher(message).find();
    }

    private static final java.util.regex.Pattern INTERNALS = java.util.regex.Pattern.compile(
            "\\b(java|javax|jakarta|io\\.quizplatform|org\\.(eclipse|jboss|postgresql|apache))\\.|Exception\\b|\\tat |SQLState|PSQL");

    static String unconvertibleParameter(int status, String message) {
        if ((status != 404 && status != 400) || message == null) {
            return null;
        }
        java.util.regex.Matcher m = PARAMETER.matcher(message);
        return m.find() ? m.group(1) : null;
    }

    static Response invalidInput(JsonInputException e) {
        return problemOf(e).toResponse();
    }

    static Problem problemOf(JsonInputException e) {
        List<Problem.FieldError> errors = e.violations().stream()
                .map(v -> new Problem.FieldError(v.field(), v.code(), v.message())).toList();
        return Problem.of(400, "Invalid request", e.getMessage(), errors);
    }

    /** What every unreadable body gets: the same words, whatever the parser or JSON-B said. */
    static final Problem MALFORMED = Problem.of(400, "Malformed request body",
            "The request body is not valid JSON of the expected shape.",
            List.of(new Problem.FieldError("body", "malformed", "is not valid JSON of the expected shape")));

    /**
     * A body the JSON machinery could not read. Its message is not echoed: JSON-B's and the parser's wording names
     * Java classes and internals. A limit hit while reading (413) keeps its status, whoever wrapped it.
     */
    static Response malformed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonInputException input) {
                return invalidInput(input);
            }
            if (t instanceof WebApplicationException w && w.getResponse().getStatus() == 413) {
                return w.getResponse();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return MALFORMED.toResponse();
    }

    /** Seconds a client is asked to wait before trying again while the database is out of reach. */
    static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    static Response unexpected(Throwable e) {
        String incident = UUID.randomUUID().toString();
        if (Failures.databaseUnreachable(e)) {
            // Not a bug: the database is away (restarting, failing over, the network). A 503 with Retry-After tells
            // clients and load balancers to come back; the log says it in a line, without a stack per request.
            LOG.warning(() -> "Database out of reach, answered 503, incident " + incident + ": "
                    + Failures.describe(e));
            return Response.fromResponse(Problem.of(503, "Service Unavailable",
                            "The database cannot be reached just now. Try again in a few seconds"
                                    + " (incident " + incident + ").", List.of()).toResponse())
                    .header("Retry-After", Integer.toString(DATABASE_RETRY_AFTER_SECONDS)).build();
        }
        LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, e);
        return Problem.of(500, "Internal Server Error",
                "Something went wrong on our side. Quote incident " + incident + " when reporting it.", List.of())
                .toResponse();
    }

    private static String defaultDetail(int status) {
        return switch (status) {
            case 404 -> "No resource at this address.";
            case 405 -> "This method is not allowed on this resource.";
            case 406 -> "The requested representation is not available; ask for application/json.";
            case 413 -> "The request body is too large.";
            case 415 -> "Send the body as application/json.";
            case 401 -> "Authentication is required.";
            case 403 -> "You are not allowed to do this.";
            default -> "The request could not be processed.";
        };
    }
}
