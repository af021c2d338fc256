package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static it.quizplatform.QuizAuthoringIT.SINGLE;
import static it.quizplatform.QuizAuthoringIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The socket timers, on a second server running quiz-app alone (sharing the games with the main server):
 * <ul>
 * <li>the idle sweep: a game socket silent both ways for {@code WS_IDLE_TIMEOUT_SECONDS} is closed (1001), one that
 * keeps talking or is sent to is not (the timeout is {@value #IDLE_SECONDS} s here: the default of 5 minutes would
 * make a slow test);</li>
 * <li>the hello timer: a socket that says no hello is closed (1008) after 10 s, on the main server; a hello received
 * in time but still being served (its game read through a database link that
 * hangs) is not closed as "no hello" (1008) after 10 s. The server's database link runs through a
 * {@link FreezingProxy}.</li>
 * </ul>
 * Each test mostly waits for a timer, so they run side by side (the class itself, like every other, alone); the
 * one that freezes the second server's database link waits for the others, whose sockets on that server read their
 * games through it.
 */
public class SocketTimeoutsIT {

    /** The second server's database link: frozen by one test, read through by the others' welcomes. */
    static final String DATABASE_LINK = "quiz-app-alone database link";

    static final int IDLE_SECONDS = 4;

    private static FreezingProxy database;
    private static String quizApp;
    private static String host;
    private static String quizId;

    @BeforeAll
    static void quizAppWithAShortIdleTimeout() throws Exception {
        String url = Platform.stackStatus().get("env").get("QUIZ_DB_URL").asText();
        URI target = URI.create(url.substring("jdbc:".length()));
        database = new FreezingProxy(target.getHost(), target.getPort());
        String proxied = url.replaceFirst(":" + target.getPort() + "(?=/|\\?|$)", ":" + database.port());
        JsonNode status = Platform.control("POST", "/quiz-app-alone/start?WS_IDLE_TIMEOUT_SECONDS=" + IDLE_SECONDS
                + "&QUIZ_DB_URL=" + URLEncoder.encode(proxied, StandardCharsets.UTF_8));
        quizApp = "127.0.0.1:" + status.get("components").get("quiz-app-alone").get("port").asInt();
        host = Platform.registerAndLogin(Platform.uniqueEmail("idle"), "Idle Host");
        quizId = QuizAuthoringIT.published(host, "Idle Quiz", SINGLE);
    }

    @AfterAll
    static void stopIt() {
        Platform.control("POST", "/quiz-app-alone/stop");
        database.close();
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(value = DATABASE_LINK, mode = ResourceAccessMode.READ)
    void aSilentSocketIsClosedAndATalkingOneIsNot() throws Exception {
        JsonNode game = send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null).json();
        String gameId = game.get("id").asText();
        String pin = game.get("pin").asText();
        String silentToken = GameLobbyIT.join(pin, "Silent").json().get("playerToken").asText();
        String talkingToken = GameLobbyIT.join(pin, "Talking").json().get("playerToken").asText();

        try (SocketClient silent = SocketClient.playerAt(quizApp, gameId, silentToken);
             SocketClient talking = SocketClient.playerAt(quizApp, gameId, talkingToken)) {
            silent.awaitType("welcome");
            talking.awaitType("welcome");
            Instant welcomed = Instant.now();
            // A phone on a quiet screen pings now and then; here every second, for three timeouts.
            Instant until = welcomed.plusSeconds(3L * IDLE_SECONDS);
            while (Instant.now().isBefore(until)) {
                talking.send("{\"type\":\"ping\"}");
                Platform.sleep(1000);
            }

            assertThat(silent.closeCode).as("the silent socket is closed").isDone();
            assertThat(silent.closeCode.get()).isEqualTo(1001);
            assertThat(silent.closeReason.get()).isEqualTo("idle for " + IDLE_SECONDS + " s");
            assertThat(talking.closeCode).as("the talking socket stays open").isNotDone();
            assertThat(talking.await("a pong", Duration.ofSeconds(5), m -> "pong".equals(m.path("type").asText())))
                    .isNotNull();
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(value = DATABASE_LINK, mode = ResourceAccessMode.READ)
    void aSocketThatIsSentToIsNotIdle() throws Exception {
        JsonNode game = send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null).json();
        String gameId = game.get("id").asText();
        String pin = game.get("pin").asText();

        // The host's screen only listens: the lobby's news of each new player is what keeps it open.
        try (SocketClient hostScreen = SocketClient.hostAt(quizApp, gameId, host)) {
            hostScreen.awaitType("welcome");
            Instant until = Instant.now().plusSeconds(3L * IDLE_SECONDS);
            for (int i = 0; Instant.now().isBefore(until); i++) {
                assertThat(GameLobbyIT.join(pin, "Player" + i).status()).isEqualTo(201);
                Platform.sleep(1000);
            }
            assertThat(hostScreen.closeCode).as("the host's screen, sent the lobby every second").isNotDone();
            assertThat(hostScreen.received).as("lobby news").hasSizeGreaterThan(3 * IDLE_SECONDS / 2);
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aSocketThatSaysNoHelloIsLetGoAfterTheHelloTimer() throws Exception {
        String gameId = send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null).json()
                .get("id").asText();
        Instant opened = Instant.now();
        try (SocketClient mute = SocketClient.connect(gameId)) {
            // Open for the 10 s of the hello timer (checked a second before its end), then closed.
            Platform.sleep(Math.max(0, Duration.between(Instant.now(), opened.plusSeconds(9)).toMillis()));
            assertThat(mute.closeCode).as("still open before the hello timer ends").isNotDone();
            assertThat(mute.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
            assertThat(mute.closeReason.get()).isEqualTo("no hello within 10 s");
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(value = DATABASE_LINK, mode = ResourceAccessMode.READ_WRITE)
    void aHelloStillBeingServedIsNotTakenForNoHello() throws Exception {
        JsonNode game = send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null).json();
        String gameId = game.get("id").asText();
        database.freeze();
        try (SocketClient hostScreen = SocketClient.hostAt(quizApp, gameId, host)) {
            // Past the hello timer (10 s): the hello waits for the game's first read.
            Platform.sleep(13_000);
            assertThat(hostScreen.received).as("nothing while the database link hangs: the hello is still served").isEmpty();
            database.thaw();
            if (hostScreen.closeCode.isDone()) {
                // A new connection's handshake through the frozen link may time out first: then "try again".
                assertThat(hostScreen.closeCode.get()).as("closed while its hello was served: " + hostScreen.closeReason.get())
                        .isEqualTo(1013);
                try (SocketClient again = SocketClient.hostAt(quizApp, gameId, host)) {
                    assertThat(again.awaitType("welcome").get("pin").asText()).isEqualTo(game.get("pin").asText());
                }
            } else {
                assertThat(hostScreen.awaitType("welcome").get("pin").asText()).isEqualTo(game.get("pin").asText());
            }
        } finally {
            database.thaw();
        }
    }
}
