package io.quizplatform.quiz.api.ws;

import io.quizplatform.platform.api.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A WebSocket handshake to the game sockets ({@code /quiz/ws/...}) that Liberty would refuse is refused here first,
 * as problem+json naming the header: Liberty answered a missing or malformed {@code Sec-WebSocket-Key}, another
 * {@code Sec-WebSocket-Version} or an {@code Origin} of another site with a bare 400 or 403 and no body. RFC 6455:
 * the key is 16 bytes in base64, the version 13 (any other is 426 with the version the server speaks), and
 * {@code Connection} names {@code Upgrade}. Requests that are no handshake pass on (the join socket's servlet answers
 * them 426 or 405).
 */
@WebFilter(urlPatterns = "/ws/*")
public class HandshakeCheck extends HttpFilter {

    private final OriginCheck origins = new OriginCheck();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean handshake = "GET".equals(request.getMethod()) && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
        if (handshake && refused(request, response)) {
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether the handshake was refused (and answered). */
    private boolean refused(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String version = request.getHeader("Sec-WebSocket-Version");
        if (!"13".equals(version == null ? null : version.strip())) {
            response.setHeader("Sec-WebSocket-Version", "13");
            response.setHeader("Upgrade", "websocket"); // a 426 names the protocol to upgrade to
            refuse(response, 426, "Upgrade Required", "Sec-WebSocket-Version", version == null ? "required" : "invalid",
                    "must be 13 (RFC 6455)");
            return true;
        }
        String key = request.getHeader("Sec-WebSocket-Key");
        if (key == null || !aKey(key.strip())) {
            refuse(response, 400, "Bad Request", "Sec-WebSocket-Key", key == null ? "required" : "invalid",
                    "must be 16 bytes in base64 (RFC 6455)");
            return true;
        }
        String connection = request.getHeader("Connection");
        if (connection == null || Arrays.stream(connection.split(",")).noneMatch(t -> t.strip().equalsIgnoreCase("upgrade"))) {
            refuse(response, 400, "Bad Request", "Connection", connection == null ? "required" : "invalid",
                    "must name Upgrade");
            return true;
        }
        if (!origins.checkOrigin(request.getHeader("Origin"))) {
            refuse(response, 403, "Forbidden", "Origin", "invalid",
                    "is not a site this server's pages are served from (WS_ALLOWED_ORIGINS)");
            return true;
        }
        return false;
    }

    private static boolean aKey(String key) {
        try {
            return key.length() == 24 && Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void refuse(HttpServletResponse response, int status, String title, String header, String code,
                               String message) throws IOException {
        Problem.of(status, title, "The WebSocket handshake's " + header + " " + message + ".",
                List.of(new Problem.FieldError(header, code, message))).writeTo(response);
    }
}
