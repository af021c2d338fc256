package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.microshed.testing.ManuallyStartedConfiguration;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the integration tests talk to: the running Liberty server over HTTP, the local stack's control API (to stop
 * and start Kafka), and the service databases over JDBC (to prove what was, or was not, written).
 */
final class Platform {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Platform() {
    }

    static String baseUrl() {
        return "http://" + ManuallyStartedConfiguration.getHostname() + ":" + ManuallyStartedConfiguration.getHttpPort();
    }

    record Reply(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
        /** The value of one response header, or empty. */
        String header(String name) {
            return headers.firstValue(name).orElse("");
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    static Reply get(String path) {
        return send(request(path).GET());
    }

    static Reply get(String path, String bearerToken) {
        return send(request(path).header("Authorization", "Bearer " + bearerToken).GET());
    }

    static Reply postJson(String path, String body) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Reply sendJson(String method, String path, String body, String bearerToken) {
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        return send(builder);
    }

    /**
     * A request from a client address of its own (X-Forwarded-For, trusted from 127.0.0.1 in the test stack), so
     * the per-address rate limits of one test never throttle another.
     */
    static HttpRequest.Builder request(String path) {
        return requestFrom(randomAddress(), path);
    }

    static HttpRequest.Builder requestFrom(String clientAddress, String path) {
        // A bound on every request: a server that never answers fails the test instead of holding up the build.
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("X-Forwarded-For", clientAddress)
                .timeout(java.time.Duration.ofSeconds(60));
    }

    static String randomAddress() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    static final String PASSWORD = "correct horse battery staple";

    /** Registers a fresh account and logs it in; returns the access token. */
    static String registerAndLogin(String email, String displayName) {
        Reply registered = postJson("/user/api/users", registrationJson(email, displayName));
        if (registered.status() != 201) {
            throw new AssertionError("registration failed: " + registered.body());
        }
        return login(email, PASSWORD).json().get("accessToken").asText();
    }

    /** A token of the operator the test stack makes admin (ADMIN_EMAILS), registering them the first time. */
    static String adminToken() {
        String admin = "operator@quiz-platform.test";
        postJson("/user/api/users", registrationJson(admin, "Operator"));
        return login(admin, PASSWORD).json().get("accessToken").asText();
    }

    static Reply login(String email, String password) {
        return postJson("/user/api/sessions", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
                    response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A fresh account; the e-mail is unique per call so tests never depend on each other. */
    static String registrationJson(String email, String displayName) {
        return "{\"email\":\"" + email + "\",\"displayName\":\"" + displayName + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    // --- the local stack's control API -------------------------------------------------------------------------

    static JsonNode stackStatus() {
        return control("GET", "/status");
    }

    static JsonNode control(String method, String path) {
        String url = System.getProperty("it.control.url", "http://127.0.0.1:29099") + path;
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                            .method(method, HttpRequest.BodyPublishers.noBody())
                            .timeout(Duration.ofMinutes(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One command to the local stack's Redis (no password there), in its own protocol; the reply's first line. */
    static String redis(String... command) throws IOException {
        URI uri = URI.create(stackStatus().get("env").get("REDIS_URL").asText());
        StringBuilder request = new StringBuilder("*" + command.length + "\r\n");
        for (String part : command) {
            request.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
        }
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) != -1 && c != '\n'; ) {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }

    /**
     * Starts the second server running quiz-app alone with these settings on top of the stack's ({@code ?KEY=value&...},
     * URL-encoded, or empty); its base URL ({@code http://127.0.0.1:<port>}) once it is up.
     */
    static String startQuizAppAlone(String settings) {
        JsonNode alone = control("POST", "/quiz-app-alone/start" + settings).get("components").get("quiz-app-alone");
        if (!"up".equals(alone.get("state").asText())) {
            throw new AssertionError("quiz-app alone not up: " + alone);
        }
        return "http://127.0.0.1:" + alone.get("port").asInt();
    }

    /** The checks of a health report whose names end with {@code suffix} (e.g. {@code .database}, or a whole name). */
    static List<JsonNode> healthChecks(JsonNode report, String suffix) {
        List<JsonNode> found = new java.util.ArrayList<>();
        report.path("checks").forEach(check -> {
            if (check.path("name").asText().endsWith(suffix)) {
                found.add(check);
            }
        });
        return found;
    }

    /** A JDBC connection to one service's database (prefix USER, QUIZ, ANSWER or SCORING). */
    static Connection database(String service) throws SQLException {
        JsonNode status = stackStatus();
        JsonNode env = status.get("env");
        return DriverManager.getConnection(env.get(service + "_DB_URL").asText(), env.get(service + "_DB_USER").asText(),
                databasePassword(status, service));
    }

    /** {@link #databasePassword(JsonNode, String)} with the stack's status asked for now. */
    static String databasePassword(String service) {
        return databasePassword(stackStatus(), service);
    }

    /**
     * A service's database password, which the control API does not show: the embedded database's is in the stack's
     * owner-only credentials file, an external one in this process's environment (where the stack got it too).
     */
    static String databasePassword(JsonNode status, String service) {
        JsonNode file = status.get("credentialsFile");
        if (file == null) {
            return System.getenv(service + "_DB_PASSWORD");
        }
        java.util.Properties credentials = new java.util.Properties();
        try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(file.asText()))) {
            credentials.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return credentials.getProperty("password");
    }

    static long count(String service, String sql, Object... params) {
        try (Connection c = database(service); var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- waiting -----------------------------------------------------------------------------------------------

    static <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            sleep(200);
        }
    }

    static ConsumerRecord<String, String> awaitRecord(KafkaConsumer<String, String> consumer, Duration timeout,
                                                     Predicate<ConsumerRecord<String, String>> wanted) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                if (wanted.test(record)) {
                    return record;
                }
            }
        }
        throw new AssertionError("no matching record within " + timeout);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
