package io.quizplatform.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * HTTP control API on 127.0.0.1 for tests and scripts:
 * GET /status, GET /spans?traceId=... (the OTLP receiver's spans), POST /{postgres|redis|kafka|liberty}/{start|stop} (+ /kafka/kill), POST /shutdown; a server running one
 * service alone takes settings for its start as query parameters (POST /quiz-app-alone/start?QUIZ_DB_URL=...).
 * Operations are synchronous: a start returns once the component is ready again.
 */
final class ControlApi {

    private static final Set<String> ACTIONS = Set.of("start", "stop", "kill");

    private final Stack stack;
    private final Runnable shutdown;
    private final HttpServer server;
    private final ExecutorService executor;

    ControlApi(Stack stack, int port, Runnable shutdown) throws IOException {
        this.stack = stack;
        this.shutdown = shutdown;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        // several threads: GET /status must answer while a slow start/stop is in progress
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "control-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    void start() {
        server.start();
    }

    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
            if (path.equals("/status")) {
                if (!method.equals("GET")) {
                    send(exchange, 405, error("use GET"));
                    return;
                }
                send(exchange, 200, Json.write(stack.status()));
                return;
            }
            if (path.equals("/spans") && method.equals("GET")) {
                send(exchange, 200, Json.write(stack.otlp.query(queryParameters(exchange.getRequestURI().getRawQuery()))));
                return;
            }
            if (!method.equals("POST")) {
                send(exchange, path.equals("/shutdown") || isAction(path) ? 405 : 404,
                        error(path.equals("/shutdown") || isAction(path) ? "use POST" : "unknown path " + path));
                return;
            }
            if (path.equals("/shutdown")) {
                send(exchange, 202, Json.write(Map.of("shutdown", true)));
                Thread t = new Thread(shutdown, "control-api-shutdown");
                t.start();
                return;
            }
            if (!isAction(path)) {
                send(exchange, 404, error("unknown path " + path));
                return;
            }
            String[] parts = path.substring(1).split("/");
            Component component = stack.component(parts[0]);
            String action = parts[1];
            if (action.equals("kill") && !(component instanceof KafkaComponent) && !(component instanceof LibertyComponent)) {
                send(exchange, 404, error("kill is only supported for kafka and the Liberty servers"));
                return;
            }
            if (stack.closing()) {
                send(exchange, 409, error("the stack is shutting down"));
                return;
            }
            Map<String, String> overrides;
            try {
                overrides = environmentOverrides(component.name(), action, exchange.getRequestURI().getRawQuery());
            } catch (IllegalArgumentException e) {
                send(exchange, 400, error(e.getMessage()));
                return;
            }
            Log.info("control API: " + method + " " + path + (overrides.isEmpty() ? "" : " with " + overrides.keySet()));
            try {
                switch (action) {
                    case "start" -> {
                        if (component.name().endsWith("-alone")) {
                            stack.overrideAloneEnv(component.name(), overrides);
                        }
                        component.start();
                    }
                    case "stop" -> component.stop();
                    default -> component.kill();
                }
                send(exchange, 200, Json.write(stack.status()));
            } catch (Component.ConflictException e) {
                send(exchange, 409, error(e.getMessage()));
            } catch (Exception e) {
                send(exchange, 500, error(component.name() + " " + action + " failed: " + e.getMessage()));
            }
        }
    }

    /**
     * {@code POST /quiz-app-alone/start?QUIZ_DB_URL=...}: settings for that start of a server running one service
     * alone (upper-case names only); anything else takes none.
     */
    static Map<String, String> environmentOverrides(String component, String action, String rawQuery) {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return overrides;
        }
        if (!component.endsWith("-alone") || !action.equals("start")) {
            throw new IllegalArgumentException("settings are taken only by the start of a server running one service alone");
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!name.matches("[A-Z][A-Z0-9_]*")) {
                throw new IllegalArgumentException("not an environment variable name: " + name);
            }
            overrides.put(name, value);
        }
        return overrides;
    }

    /** {@code a=1&b=2} as a map (URL-decoded); empty for none. */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
                parameters.put(key, value);
            }
        }
        return parameters;
    }

    private boolean isAction(String path) {
        String[] parts = path.startsWith("/") ? path.substring(1).split("/") : new String[0];
        return parts.length == 2 && stack.component(parts[0]) != null && ACTIONS.contains(parts[1]);
    }

    private static String error(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        return Json.write(body);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
