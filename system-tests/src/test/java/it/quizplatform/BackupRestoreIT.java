package it.quizplatform;

import io.quizplatform.testsupport.DebianTool;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static it.quizplatform.QuizAuthoringIT.SINGLE;
import static it.quizplatform.QuizAuthoringIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backup and recovery as docs/DEPLOYMENT.md tells an operator to do it: the four databases dumped with
 * {@code pg_dump} while the platform runs (mid-day, a game just played), then a disaster (the server stopped, every
 * database dropped, Redis emptied), the dumps restored with {@code pg_restore} into new empty databases and the
 * server started on them. Everything the backup held is back (accounts, quizzes, the game's report, scores and
 * leaderboard, the host's past games), the read models and Redis boards are rebuilt from it, and what was written
 * after the backup is gone: the recovery point is the backup.
 */
public class BackupRestoreIT {

    static final List<String> DATABASES = List.of("user_db", "quiz_db", "answer_db", "scoring_db");
    static final Path BACKUPS = Path.of("target", "backups");

    @Test
    void aBackupTakenMidDayRestoresIntoEmptyDatabasesWithEverythingItHeld() throws Exception {
        // Mid-day: a host, a published quiz, a game played to its end.
        String email = Platform.uniqueEmail("backup");
        String host = Platform.registerAndLogin(email, "Backup Host");
        String quizId = QuizAuthoringIT.published(host, "Backed-up quiz", SINGLE);
        String gameId = playedGame(host, quizId);
        JsonNode report = await("the game's report", () -> ok(Platform.get("/scoring/api/games/" + gameId + "/report", host)));
        JsonNode leaderboard = Platform.get("/scoring/api/games/" + gameId + "/leaderboard", host).json();
        JsonNode quiz = Platform.get("/quiz/api/quizzes/" + quizId, host).json();

        // The backup, while the platform runs.
        Instant backupStarted = Instant.now();
        Map<String, Path> dumps = dumpAll();
        Duration backupTook = Duration.between(backupStarted, Instant.now());

        // After the backup: another quiz, which the restore cannot bring back.
        String laterQuizId = QuizAuthoringIT.create(host, "Written after the backup").get("id").asText();

        // The disaster: the server stopped, the databases gone, Redis empty.
        Platform.control("POST", "/liberty/stop");
        Instant recoveryStarted = Instant.now();
        try (Connection admin = superuser(); Statement sql = admin.createStatement()) {
            for (String db : DATABASES) {
                sql.execute("DROP DATABASE " + db + " WITH (FORCE)");
                sql.execute("CREATE DATABASE " + db + " OWNER " + role());
            }
        }
        assertThat(Platform.redis("FLUSHALL")).isEqualTo("+OK");

        // The recovery: each dump restored into its new empty database, the server started on them.
        for (String db : DATABASES) {
            run(List.of(pgTool("pg_restore").toString(), "--exit-on-error", "--no-owner", "--role=" + role(),
                    "--host", host(), "--port", String.valueOf(port()), "--username", role(), "--dbname", db,
                    dumps.get(db).toString()));
        }
        Platform.control("POST", "/liberty/start");
        await("the server ready on the restored databases", () -> Platform.get("/health/ready").status() == 200
                ? Optional.of(true) : Optional.empty());
        Duration recoveryTook = Duration.between(recoveryStarted, Instant.now());

        // Redis holds nothing PostgreSQL does not: scoring-app writes the boards of the last day's games again at start.
        await("the game's board back in Redis", () -> {
            try {
                return ":1".equals(Platform.redis("EXISTS", "qs:game:{" + gameId + "}:board")) ? Optional.of(true) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        });

        // Everything of the backup is there: the account (its password too), the quiz, the report, the scores.
        Platform.Reply login = Platform.login(email, Platform.PASSWORD);
        assertThat(login.status()).as("the host logs in with the password of before").isEqualTo(200);
        String again = login.json().get("accessToken").asText();
        JsonNode restoredQuiz = Platform.get("/quiz/api/quizzes/" + quizId, again).json();
        assertThat(restoredQuiz.get("title")).isEqualTo(quiz.get("title"));
        assertThat(restoredQuiz.get("questions")).isEqualTo(quiz.get("questions"));
        assertThat(restoredQuiz.get("version")).isEqualTo(quiz.get("version"));
        assertThat(Platform.get("/scoring/api/games/" + gameId + "/report", again).json()).isEqualTo(report);
        assertThat(Platform.get("/scoring/api/games/" + gameId + "/leaderboard", again).json()).isEqualTo(leaderboard);
        assertThat(PastGamesIT.ids(PastGamesIT.list(again, ""))).contains(gameId);
        // The quiz read model (a projection of the event store) lists it from the restored rows.
        assertThat(Platform.get("/quiz/api/quizzes?scope=mine&size=100", again).body()).contains(quizId);
        // What was written after the backup is gone: the recovery point is the backup.
        assertThat(Platform.get("/quiz/api/quizzes/" + laterQuizId, again).status()).isEqualTo(404);
        // And the platform goes on: a new quiz on the restored data.
        assertThat(QuizAuthoringIT.create(again, "After the recovery").get("id").asText()).isNotBlank();

        System.out.printf("[backup] pg_dump of %d databases while running: %d ms (%s); recovery (drop, restore, start, ready): %d s%n",
                DATABASES.size(), backupTook.toMillis(), sizes(dumps), recoveryTook.toSeconds());
    }

    /** One question, two players who both answer (so it closes at once), then the host ends the game. */
    private static String playedGame(String host, String quizId) {
        JsonNode game = send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null).json();
        String gameId = game.get("id").asText();
        String ada = GameLobbyIT.join(game.get("pin").asText(), "Ada").json().get("playerToken").asText();
        String bob = GameLobbyIT.join(game.get("pin").asText(), "Bob").json().get("playerToken").asText();
        try (SocketClient hostSocket = SocketClient.host(gameId, host);
             SocketClient adaSocket = SocketClient.player(gameId, ada);
             SocketClient bobSocket = SocketClient.player(gameId, bob)) {
            for (SocketClient s : List.of(hostSocket, adaSocket, bobSocket)) {
                s.awaitType("welcome");
            }
            hostSocket.send("{\"type\":\"start\"}");
            JsonNode open = adaSocket.awaitPhase("open");
            bobSocket.awaitPhase("open");
            adaSocket.send(AnswersIT.answer(0, AnswersIT.optionId(open, "Paris")));
            bobSocket.send(AnswersIT.answer(0, AnswersIT.optionId(open, "Lyon")));
            adaSocket.awaitType("score");
            bobSocket.awaitType("score");
            hostSocket.send("{\"type\":\"next\"}");
            adaSocket.awaitType("podium");
        }
        return gameId;
    }

    // --- the operator's tools ------------------------------------------------------------------------------------

    /** {@code pg_dump --format=custom} of each database, as the application's own role, while the platform runs. */
    private static Map<String, Path> dumpAll() throws IOException, InterruptedException {
        Files.createDirectories(BACKUPS);
        Map<String, Path> dumps = new java.util.LinkedHashMap<>();
        for (String db : DATABASES) {
            Path dump = BACKUPS.resolve(db + ".dump");
            Files.deleteIfExists(dump);
            run(List.of(pgTool("pg_dump").toString(), "--format=custom", "--host", host(), "--port", String.valueOf(port()),
                    "--username", role(), "--dbname", db, "--file", dump.toString()));
            assertThat(dump).isNotEmptyFile();
            dumps.put(db, dump);
        }
        return dumps;
    }

    /** pg_dump and pg_restore come with Debian's PostgreSQL client (installed if missing, as root). */
    private static Path pgTool(String command) {
        return DebianTool.find(command, "postgresql-client",
                "install PostgreSQL's client programs (sudo apt-get install postgresql-client)");
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", Platform.databasePassword("QUIZ"));
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(command.get(0) + " finishes").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command.subList(0, 2)) + ": " + out).isZero();
    }

    /** The local stack's PostgreSQL trusts its superuser on loopback: dropping and creating databases is theirs. */
    private static Connection superuser() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host() + ":" + port() + "/postgres", "postgres", "");
    }

    private static String role() {
        return env("QUIZ_DB_USER");
    }

    private static URI databaseUri() {
        return URI.create(env("QUIZ_DB_URL").substring("jdbc:".length()));
    }

    private static String host() {
        return databaseUri().getHost();
    }

    private static int port() {
        return databaseUri().getPort();
    }

    private static String env(String key) {
        return Platform.stackStatus().get("env").get(key).asText();
    }

    private static Optional<JsonNode> ok(Platform.Reply reply) {
        return reply.status() == 200 ? Optional.of(reply.json()) : Optional.empty();
    }

    private static <T> T await(String what, java.util.function.Supplier<Optional<T>> probe) {
        return Platform.await(what, Duration.ofSeconds(120), () -> {
            try {
                return probe.get();
            } catch (RuntimeException e) {
                return Optional.empty(); // the server not answering yet
            }
        });
    }

    private static String sizes(Map<String, Path> dumps) {
        List<String> sizes = new ArrayList<>();
        dumps.forEach((db, dump) -> {
            try {
                sizes.add(db + " " + Files.size(dump) / 1024 + " KiB");
            } catch (IOException e) {
                sizes.add(db + " ?");
            }
        });
        return String.join(", ", sizes);
    }
}
