package it.quizplatform;

import io.quizplatform.testsupport.DebianTool;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static it.quizplatform.QuizAuthoringIT.SINGLE;
import static it.quizplatform.QuizAuthoringIT.TRUE_FALSE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * quiz-app on PostgreSQL through pgbouncer in transaction pooling, as docs/DEPLOYMENT.md sets it up for compose
 * ({@code prepareThreshold=0} on the JDBC URL, {@code extra_float_digits} ignored): a real pgbouncer (Debian's, installed
 * as root when missing) in front of the stack's PostgreSQL with a pool of 2 server connections, and a second Liberty
 * server running quiz-app alone whose {@code QUIZ_DB_URL} points at it. Authoring (event store appends with version
 * checks, the read model), a game with players joining at once (row locks) and reads all work, and they went through
 * the pooler: its statistics count the transactions.
 */
public class PgBouncerIT {

    private static Process pgbouncer;
    private static Path dir;
    private static int port;
    private static String aloneUrl;

    @BeforeAll
    static void quizAppAloneThroughPgBouncer() throws Exception {
        Path executable = DebianTool.find("pgbouncer", "pgbouncer", "install PgBouncer (sudo apt-get install pgbouncer)");
        JsonNode env = Platform.stackStatus().get("env");
        URI database = URI.create(env.get("QUIZ_DB_URL").asText().substring("jdbc:".length()));
        String user = env.get("QUIZ_DB_USER").asText();
        String password = Platform.databasePassword("QUIZ");
        port = freePort();
        dir = Files.createTempDirectory("pgbouncer-it");
        Files.writeString(dir.resolve("userlist.txt"), "\"" + user + "\" \"" + password + "\"\n");
        Files.writeString(dir.resolve("pgbouncer.ini"), String.join("\n",
                "[databases]",
                "quiz_db = host=" + database.getHost() + " port=" + database.getPort() + " dbname=quiz_db",
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                "listen_port = " + port,
                "unix_socket_dir =",
                "auth_type = scram-sha-256",
                "auth_file = " + dir.resolve("userlist.txt"),
                "admin_users = " + user,
                "pool_mode = transaction",
                "default_pool_size = 2",
                "max_client_conn = 100",
                "ignore_startup_parameters = extra_float_digits",
                ""));
        // pgbouncer refuses to run as root; as root it is told to become nobody, who must read its files.
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String file : List.of("userlist.txt", "pgbouncer.ini")) {
                Files.setPosixFilePermissions(dir.resolve(file), PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        if (root) {
            command.addAll(List.of("-u", "nobody"));
        }
        command.add(dir.resolve("pgbouncer.ini").toString());
        pgbouncer = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("pgbouncer.log").toFile()).start();
        Platform.await("pgbouncer listening on " + port, Duration.ofSeconds(20), () -> {
            assertThat(pgbouncer.isAlive()).as("pgbouncer runs; its log: " + log()).isTrue();
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return Optional.of(true);
            } catch (IOException e) {
                return Optional.empty();
            }
        });

        String url = "jdbc:postgresql://127.0.0.1:" + port + "/quiz_db?prepareThreshold=0";
        aloneUrl = Platform.startQuizAppAlone("?QUIZ_DB_URL=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stopThem() throws IOException {
        try {
            Platform.control("POST", "/quiz-app-alone/stop");
        } finally {
            if (pgbouncer != null) {
                pgbouncer.destroy();
            }
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path file : files.toList()) {
                        Files.deleteIfExists(file);
                    }
                }
                Files.deleteIfExists(dir);
            }
        }
    }

    @Test
    void authoringAndAGameRunThroughTransactionPooling() throws Exception {
        Platform.Reply ready = alone("GET", "/health/ready", null, null, null);
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        long before = transactions();

        String host = Platform.registerAndLogin(Platform.uniqueEmail("pgbouncer"), "Pooled Host");
        Platform.Reply created = alone("POST", "/quiz/api/quizzes", "{\"title\":\"Pooled\",\"description\":\"d\"}", host, null);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String quizId = created.json().get("id").asText();
        String etag = QuizAuthoringIT.etag(created);
        for (String question : List.of(SINGLE, TRUE_FALSE)) {
            Platform.Reply added = alone("POST", "/quiz/api/quizzes/" + quizId + "/questions", question, host, etag);
            assertThat(added.status()).as(added.body()).isEqualTo(200);
            etag = QuizAuthoringIT.etag(added);
        }
        // A stale version is still refused: the event store's check holds through the pooler.
        assertThat(alone("POST", "/quiz/api/quizzes/" + quizId + "/publish", null, host, "\"1\"").status()).isEqualTo(412);
        assertThat(alone("POST", "/quiz/api/quizzes/" + quizId + "/publish", null, host, etag).status()).isEqualTo(200);
        JsonNode quiz = alone("GET", "/quiz/api/quizzes/" + quizId, null, host, null).json();
        assertThat(quiz.get("status").asText()).isEqualTo("published");
        assertThat(quiz.get("questions")).hasSize(2);

        // A game, and twenty players joining at once: their joins queue on the game's row lock, two server
        // connections serve them all.
        Platform.Reply game = alone("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null);
        assertThat(game.status()).as(game.body()).isEqualTo(201);
        String gameId = game.json().get("id").asText();
        String pin = game.json().get("pin").asText();
        List<CompletableFuture<Platform.Reply>> joins = IntStream.range(0, 20).mapToObj(i -> CompletableFuture.supplyAsync(() ->
                alone("POST", "/quiz/api/games/players", "{\"pin\":\"" + pin + "\",\"nickname\":\"Pooled " + i + "\"}", null, null))).toList();
        for (CompletableFuture<Platform.Reply> join : joins) {
            Platform.Reply joined = join.get();
            assertThat(joined.status()).as(joined.body()).isEqualTo(201);
        }
        JsonNode view = alone("GET", "/quiz/api/games/" + gameId, null, host, null).json();
        assertThat(view.get("players")).hasSize(20);

        long after = transactions();
        assertThat(after - before).as("transactions pgbouncer passed to quiz_db").isGreaterThan(20);
    }

    /**
     * pgbouncer's own count of the transactions it passed to quiz_db, from its admin console through psql (the
     * console refuses what the JDBC driver sends at login).
     */
    private static long transactions() throws Exception {
        JsonNode env = Platform.stackStatus().get("env");
        Path psql = DebianTool.find("psql", "postgresql-client", "install PostgreSQL's client programs (sudo apt-get install postgresql-client)");
        ProcessBuilder builder = new ProcessBuilder(psql.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--username", env.get("QUIZ_DB_USER").asText(), "--dbname", "pgbouncer", "--no-align", "--field-separator", "|",
                "--command", "SHOW STATS").redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", Platform.databasePassword("QUIZ"));
        Process process = builder.start();
        process.getOutputStream().close();
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(process.waitFor()).as("psql SHOW STATS: " + lines).isZero();
        List<String> columns = List.of(lines.get(0).split("\\|"));
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split("\\|");
            if (values.length == columns.size() && "quiz_db".equals(values[columns.indexOf("database")])) {
                return Long.parseLong(values[columns.indexOf("total_xact_count")]);
            }
        }
        throw new AssertionError("pgbouncer's SHOW STATS has no line for quiz_db: " + lines);
    }

    private static Platform.Reply alone(String method, String path, String body, String token, String ifMatch) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(aloneUrl + path)).timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", Platform.randomAddress()) // a client of its own: no per-address limit shared
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return Platform.send(b);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String log() {
        try {
            return Files.readString(dir.resolve("pgbouncer.log"));
        } catch (IOException e) {
            return "(none)";
        }
    }
}
