package io.quizplatform.platform.api;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.api.json.StrictBinder;
import io.quizplatform.platform.api.json.StrictJsonParser;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Every JSON request body of every service that binds to a record (or a list of records) is read here instead of
 * by JSON-B: strictly (see {@link StrictJsonParser} and {@link StrictBinder}), refusing with 400 problem+json
 * naming the field. At most {@code http.max.body.bytes} are read (413 above, also for a chunked body), nested at
 * most {@code http.max.json.depth} levels, holding at most {@link StrictJsonParser#DEFAULT_MAX_VALUES} values. A body with nothing but whitespace reads as none (null), so the
 * resource's own "a JSON body with ... is required" answers it.
 */
@Provider
@ApplicationScoped
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", "text/json"})
@Priority(1)
public class StrictJsonReader implements MessageBodyReader<Object> {

    @Inject
    ServiceSettings settings;

    private volatile StrictJsonParser parser;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return StrictBinder.supports(genericType == null ? type : genericType);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        return read(entityStream, genericType == null ? type : genericType, settings.maxRequestBodyBytes());
    }

    /**
     * Reads a body as {@link #readFrom} does, with a limit of the endpoint's own (one of its {@link LargerBodies}): for
     * a resource that takes the raw stream because its body may be larger than the general limit.
     */
    public Object read(InputStream entityStream, Type type, long max) throws IOException {
        byte[] body = entityStream.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (body.length > max) {
            throw new WebApplicationException(RequestSizeLimit.tooLarge(max));
        }
        if (StrictJsonParser.isBlank(body)) {
            return null;
        }
        return StrictBinder.bind(parser().parse(body), type);
    }

    private StrictJsonParser parser() {
        StrictJsonParser p = parser;
        if (p == null) {
            p = new StrictJsonParser(settings.maxJsonDepth());
            parser = p;
        }
        return p;
    }
}
