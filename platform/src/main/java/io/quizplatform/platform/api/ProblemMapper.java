package io.quizplatform.platform.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.util.Map;

/**
 * A mapper whose answer follows from the exception alone: a service's refusal (an application exception in the
 * domain's words) becomes problem+json in the api layer, which picks the status. {@link #problem} builds the body and
 * {@link #headers} any header it needs, so a unit test pins both without a JAX-RS runtime.
 */
public abstract class ProblemMapper<E extends Throwable> implements ExceptionMapper<E> {

    @Override
    public Response toResponse(E e) {
        Response response = problem(e).toResponse();
        Map<String, String> headers = headers(e);
        if (headers.isEmpty()) {
            return response;
        }
        Response.ResponseBuilder withHeaders = Response.fromResponse(response);
        headers.forEach(withHeaders::header);
        return withHeaders.build();
    }

    public abstract Problem problem(E e);

    /**
     * Headers the answer needs besides the body: by default a 401 names the scheme to authenticate with (RFC 9110), as
     * {@link ProblemMappers} does for a {@link ProblemException}; a mapper adds others (a Retry-After) itself.
     */
    public Map<String, String> headers(E e) {
        return problem(e).status() == 401 ? Map.of("WWW-Authenticate", "Bearer") : Map.of();
    }
}
