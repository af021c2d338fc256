package io.quizplatform.platform.api;

import io.quizplatform.platform.ServiceSettings;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every answer of every service, errors included, carries the browser-facing security headers:
 * {@code X-Content-Type-Options: nosniff}, a CSP that allows nothing and no framing (and {@code X-Frame-Options:
 * DENY} for older browsers), {@code Referrer-Policy: no-referrer}, {@code Cache-Control: no-store} on answers to
 * authenticated requests, and HSTS when the request came over TLS (directly, or as {@code X-Forwarded-Proto: https}
 * from one of {@code TRUSTED_PROXIES}). A servlet filter rather than a JAX-RS one, so the container's own errors
 * get them too. It also refuses a {@code Content-Type} that is not a media type at all (415 problem+json) before
 * the framework would answer it with its own page.
 */
public class SecurityHeaders extends HttpFilter {

    static final String CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String HSTS = "max-age=31536000; includeSubDomains";
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    /** A media range of an Accept header: type/subtype (either may be *), or the lone * old clients send. */
    private static final Pattern MEDIA_RANGE = Pattern.compile("\\*|" + TOKEN + "/" + TOKEN);
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            TOKEN + "/" + TOKEN + "(\\s*;\\s*" + TOKEN + "=(" + TOKEN + "|\"[^\"\\\\\\x00-\\x1f]*\"))*\\s*;?\\s*");

    @Inject
    ServiceSettings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        apply(request, response);
        if (request.getDispatcherType() == DispatcherType.REQUEST && !validContentType(request.getContentType())) {
            refuseContentType(response);
            return;
        }
        if (request.getDispatcherType() == DispatcherType.REQUEST && !validAccept(request.getHeaders("Accept"))) {
            refuseAccept(response);
            return;
        }
        chain.doFilter(request, response);
    }

    void apply(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (request.getHeader("Authorization") != null) {
            response.setHeader("Cache-Control", "no-store");
        }
        if (overTls(request)) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
    }

    boolean overTls(HttpServletRequest request) {
        if (request.isSecure()) {
            return true;
        }
        String forwarded = request.getHeader("X-Forwarded-Proto");
        if (forwarded == null || !"https".equalsIgnoreCase(forwarded.split(",")[0].strip())) {
            return false;
        }
        String peer = request.getRemoteAddr();
        return trustedProxies().stream().anyMatch(t -> ClientAddress.matches(t, peer));
    }

    private List<String> trustedProxies() {
        String configured = settings == null ? "" : settings.get("trusted.proxies", "");
        return Arrays.stream(configured.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static boolean validContentType(String contentType) {
        return contentType == null || (contentType.length() <= 256 && MEDIA_TYPE.matcher(contentType).matches());
    }

    /**
     * Every weight ({@code q}) in the Accept headers is a number, as RESTEasy reads one (the header split at every
     * comma and semicolon, quotes around the weight dropped, {@link Float#valueOf}, finite): it throws on any other
     * ({@code text/html;q=abc}, {@code q=}, {@code q="x"}), and its exception became a 500. What it reads it judges
     * itself (a weight over 1 is its own 4xx). A range that is no media type ({@code garbage}) is refused here too:
     * RESTEasy's own 400 for it named no header.
     */
    static boolean validAccept(Enumeration<String> accept) {
        if (accept == null) {
            return true;
        }
        while (accept.hasMoreElements()) {
            for (String range : accept.nextElement().split(",")) {
                String[] parts = range.split(";");
                String media = parts.length == 0 ? "" : parts[0].strip();
                if (!media.isEmpty() && !MEDIA_RANGE.matcher(media).matches()) {
                    return false; // RESTEasy refused it too, with a 400 that named nothing
                }
                for (int i = 1; i < parts.length; i++) {
                    int equals = parts[i].indexOf('=');
                    String name = (equals < 0 ? parts[i] : parts[i].substring(0, equals)).strip();
                    if (name.equalsIgnoreCase("q") && (equals < 0 || !aNumber(parts[i].substring(equals + 1)))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean aNumber(String weight) {
        try {
            String number = weight.strip();
            if (number.length() >= 2 && number.startsWith("\"") && number.endsWith("\"")) {
                number = number.substring(1, number.length() - 1);
            }
            float q = Float.parseFloat(number);
            return !Float.isNaN(q) && !Float.isInfinite(q);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void refuseAccept(HttpServletResponse response) throws IOException {
        Problem.of(400, "Bad Request", "The Accept header is not a list of media types, each weight (q) a number.",
                List.of(new Problem.FieldError("Accept", "media-type", "must be media types such as application/json, each weight (q) a number from 0 to 1")))
                .writeTo(response);
    }

    private static void refuseContentType(HttpServletResponse response) throws IOException {
        Problem.of(415, "Unsupported Media Type",
                "The Content-Type header is not a media type; send the body as application/json.",
                List.of(new Problem.FieldError("Content-Type", "media-type", "must be a media type such as application/json")))
                .writeTo(response);
    }
}
