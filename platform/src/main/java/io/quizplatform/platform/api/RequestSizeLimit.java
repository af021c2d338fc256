package io.quizplatform.platform.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import io.quizplatform.platform.ServiceSettings;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Refuses request bodies over {@code http.max.body.bytes} (default 256 KiB: room for an imported quiz of 100 questions) with 413: up front when the client
 * declares the length, while reading when it streams (chunked). An endpoint the service names in a {@link LargerBodies}
 * bean has that limit instead.
 */
@Provider
@PreMatching
@ApplicationScoped
public class RequestSizeLimit implements ContainerRequestFilter {

    @Inject
    ServiceSettings settings;

    @Inject
    Instance<LargerBodies> largerBodies;

    @Override
    public void filter(ContainerRequestContext request) {
        long maxBytes = maxBytes(request.getMethod(), request.getUriInfo().getPath());
        long declared = request.getLength();
        if (declared > maxBytes) {
            request.abortWith(tooLarge(maxBytes));
            return;
        }
        if (request.hasEntity()) {
            request.setEntityStream(new Limited(request.getEntityStream(), maxBytes));
        }
    }

    /** The limit of one request: the service's larger one for its endpoint, if it has one, else the general one. */
    long maxBytes(String method, String path) {
        String relative = path == null ? "" : path.replaceFirst("^/+", "");
        if (largerBodies != null) {
            for (LargerBodies larger : largerBodies) {
                java.util.OptionalLong limit = larger.maxBytes(method, relative);
                if (limit.isPresent()) {
                    return limit.getAsLong();
                }
            }
        }
        return settings.maxRequestBodyBytes();
    }

    public static Response tooLarge(long maxBytes) {
        return Problem.of(413, "Payload Too Large",
                "The request body is larger than the limit of " + maxBytes + " bytes.",
                List.of(new Problem.FieldError("body", "too-large", "must be at most " + maxBytes + " bytes"))).toResponse();
    }

    private static final class Limited extends FilterInputStream {
        private final long max;
        private long read;

        Limited(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw new WebApplicationException(tooLarge(max));
            }
        }
    }
}
