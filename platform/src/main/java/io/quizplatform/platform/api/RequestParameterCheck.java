package io.quizplatform.platform.api;

import io.quizplatform.platform.api.json.JsonInputException;
import io.quizplatform.platform.api.json.StrictJsonParser;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;

import java.io.ByteArrayOutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Path and query parameters obey the same text rules as bodies: valid UTF-8 percent-encoding, no NUL, no unpaired
 * surrogate, and bounded length (a path segment such as an id at most {@value #MAX_PATH_PARAMETER} characters, a
 * query value at most {@value #MAX_QUERY_PARAMETER}). One the resource takes as a whole number is written as JSON
 * writes one: ASCII digits, an optional minus, no leading zero (JAX-RS's own conversion takes {@code +3}, {@code 007}
 * and other scripts' digits). A query parameter is one the resource method takes, given once: an unknown one (a typo
 * such as {@code ?sise=5} would silently give the default) or one given twice (JAX-RS takes the first, and the second
 * was never looked at) is refused, and so is a body sent to a request that takes none (publish with
 * {@code {"force":true}} published, the body unread). A refusal is a 400 naming the parameter (or {@code body}),
 * before any resource runs.
 */
@Provider
public class RequestParameterCheck implements ContainerRequestFilter {

    static final int MAX_PATH_PARAMETER = 128;
    static final int MAX_QUERY_PARAMETER = 1000;
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Set<Class<?>> WHOLE_NUMBER_TYPES = Set.of(int.class, Integer.class, long.class, Long.class,
            short.class, Short.class);
    /** What each resource method declares: found once per method. */
    private static final Map<Method, Declared> DECLARED = new ConcurrentHashMap<>();
    private static final Set<Class<? extends Annotation>> NOT_THE_BODY = Set.of(QueryParam.class, PathParam.class,
            jakarta.ws.rs.HeaderParam.class, jakarta.ws.rs.CookieParam.class, jakarta.ws.rs.FormParam.class,
            jakarta.ws.rs.MatrixParam.class, jakarta.ws.rs.BeanParam.class, Context.class);

    /**
     * What a resource method takes: its whole-number parameters ({"query" or "path", name}), the names of its query
     * parameters, and whether it has a parameter for the body.
     */
    private record Declared(List<String[]> wholeNumbers, Set<String> queryNames, boolean takesBody) {
        static Declared of(Method method) {
            return new Declared(RequestParameterCheck.wholeNumbers(method), queryParameters(method),
                    RequestParameterCheck.takesBody(method));
        }
    }

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        List<JsonInputException.Violation> violations = new ArrayList<>();
        check(uri.getPathParameters(false), MAX_PATH_PARAMETER, violations);
        check(uri.getQueryParameters(false), MAX_QUERY_PARAMETER, violations);
        Method method = resource == null ? null : resource.getResourceMethod();
        Declared declared = method == null ? null : DECLARED.computeIfAbsent(method, Declared::of);
        if (declared != null) {
            checkQueryNames(uri.getQueryParameters(false), declared.queryNames(), violations);
            if (!declared.takesBody() && hasBody(request)) {
                violations.add(new JsonInputException.Violation("body", "unknown-field", "this request takes no body"));
            }
            if (violations.isEmpty()) {
                checkWholeNumbers(uri, declared.wholeNumbers(), violations);
            }
        }
        if (!violations.isEmpty()) {
            throw new JsonInputException(violations);
        }
    }

    private static void checkWholeNumbers(UriInfo uri, List<String[]> wholeNumbers,
                                          List<JsonInputException.Violation> violations) {
        for (String[] parameter : wholeNumbers) {
            List<String> values = ("path".equals(parameter[0]) ? uri.getPathParameters(true) : uri.getQueryParameters(true))
                    .get(parameter[1]);
            if (values != null && values.stream().anyMatch(v -> wholeNumber(v).isEmpty())) {
                violations.add(new JsonInputException.Violation(StrictJsonParser.printableName(parameter[1]), "integer",
                        "must be a whole number in decimal digits"));
            }
        }
    }

    /**
     * The whole number {@code text} writes as JSON writes one (ASCII digits, a minus at most, no leading zero) within
     * a long, or empty: what every whole-number parameter is read with, {@code Long.parseLong} taking {@code +3},
     * {@code 007} and other scripts' digits too.
     */
    public static OptionalLong wholeNumber(String text) {
        if (text == null || !WHOLE_NUMBER.matcher(text).matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // past a long
        }
    }

    /** {"query" or "path", name} of each whole-number parameter of {@code method}. */
    static List<String[]> wholeNumbers(Method method) {
        List<String[]> found = new ArrayList<>();
        Class<?>[] types = method.getParameterTypes();
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < types.length; i++) {
            if (!WHOLE_NUMBER_TYPES.contains(types[i])) {
                continue;
            }
            for (Annotation a : annotations[i]) {
                if (a instanceof QueryParam q) {
                    found.add(new String[]{"query", q.value()});
                } else if (a instanceof PathParam p) {
                    found.add(new String[]{"path", p.value()});
                }
            }
        }
        return List.copyOf(found);
    }

    static void check(MultivaluedMap<String, String> raw, int maxLength, List<JsonInputException.Violation> violations) {
        for (Map.Entry<String, List<String>> parameter : raw.entrySet()) {
            String name = StrictJsonParser.printableName(parameter.getKey());
            for (String value : parameter.getValue()) {
                JsonInputException.Violation problem = problem(name, value, maxLength);
                if (problem != null) {
                    violations.add(problem);
                    break;
                }
            }
        }
    }

    /**
     * Each query parameter is one of {@code known} and given once, whatever its spelling ({@code size} and
     * {@code %73ize} are one name). The resources declare their parameters on their own methods, one value each
     * (no {@code @BeanParam}, no list-valued parameter, no interface carrying the annotations): a resource that does
     * otherwise needs this check to learn it.
     */
    static void checkQueryNames(MultivaluedMap<String, String> raw, Set<String> known,
                                List<JsonInputException.Violation> violations) {
        Map<String, Integer> given = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, List<String>> parameter : raw.entrySet()) {
            String name = decode(parameter.getKey());
            given.merge(name == null ? parameter.getKey() : name, name == null ? -1 : parameter.getValue().size(),
                    (a, b) -> a < 0 || b < 0 ? -1 : a + b);
        }
        for (Map.Entry<String, Integer> parameter : given.entrySet()) {
            String shown = StrictJsonParser.printableName(parameter.getKey());
            if (parameter.getValue() < 0 || !known.contains(parameter.getKey())) {
                violations.add(new JsonInputException.Violation(shown, "unknown-field", known.isEmpty()
                        ? "is not a parameter of this request (it takes none)"
                        : "is not a parameter of this request (expected one of " + String.join(", ", new java.util.TreeSet<>(known)) + ")"));
            } else if (parameter.getValue() > 1) {
                violations.add(new JsonInputException.Violation(shown, "duplicate", "is given more than once"));
            }
        }
    }

    /** Whether {@code method} has a parameter for the request's body (one without a JAX-RS source annotation). */
    static boolean takesBody(Method method) {
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            if (java.util.Arrays.stream(annotations).noneMatch(a -> NOT_THE_BODY.contains(a.annotationType()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the request carries at least one byte of body (read here: the resource takes none). */
    private static boolean hasBody(ContainerRequestContext request) {
        if (request.getLength() == 0) {
            return false;
        }
        try {
            java.io.InputStream body = request.getEntityStream();
            return body != null && body.read() != -1;
        } catch (java.io.IOException e) {
            return false; // a body that cannot even be read is not this request's concern
        }
    }

    /** The names of the query parameters {@code method} takes. */
    static Set<String> queryParameters(Method method) {
        Set<String> names = new java.util.HashSet<>();
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            for (Annotation a : annotations) {
                if (a instanceof QueryParam q) {
                    names.add(q.value());
                }
            }
        }
        return Set.copyOf(names);
    }

    /** What is wrong with one raw (still percent-encoded) parameter value, or null. */
    static JsonInputException.Violation problem(String name, String raw, int maxLength) {
        if (raw == null) {
            return null;
        }
        String decoded = decode(raw);
        if (decoded == null) {
            return new JsonInputException.Violation(name, "utf8", "is not valid UTF-8 percent-encoding");
        }
        String text = StrictJsonParser.textProblem(decoded);
        if (text != null) {
            return new JsonInputException.Violation(name, "character", text);
        }
        if (decoded.codePointCount(0, decoded.length()) > maxLength) {
            return new JsonInputException.Violation(name, "too-long", "must be at most " + maxLength + " characters");
        }
        return null;
    }

    /** Percent-decoding that refuses what is not UTF-8 (null), instead of replacing it with U+FFFD. */
    static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isSurrogate(c)) {
                    return raw; // not percent-encoded at all; let the text check judge the characters
                }
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
