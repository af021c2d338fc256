package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static it.quizplatform.QuizAuthoringIT.SINGLE;
import static it.quizplatform.QuizAuthoringIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The idle sweep: a game socket silent both ways for {@code WS_IDLE_TIMEOUT_SECONDS} is closed (1001), one that
 * keeps talking is not. Run on a second server running quiz-app alone with a timeout of {@value #IDLE_SECONDS} s (the
 * default of 5 minutes would make a slow test), sharing the game with the main server.
 */
public class IdleSocketsIT {

    static final int IDLE_SECONDS = 4;

    private static String quizApp;
    private static String host;
    private static String quizId;

    @BeforeAll
    static void quizAppWithAShortIdleTimeout() {
        JsonNode status = Platform.control("POST", "/quiz-app-alone/start?WS_IDLE_TIMEOUT_SECONDS=" + IDLE_SECONDS);
        quizApp = "127.0.0.1:" + status.get("components").get("quiz-app-alone").get("port").asInt();
        host = Platform.registerAndLogin(Platform.uniqueEmail("idle"), "Idle Host");
        quizId = QuizAuthoringIT.create(host, "Idle Quiz").get("id").asText();
        send("POST", "/quiz/api/quizzes/" + quizId + "/questions", SINGLE, host, "\"1\"");
        assertThat(send("POST", "/quiz/api/quizzes/" + quizId + "/publish", null, host, "\"2\"").status()).isEqualTo(200);
    }

    @AfterAll
    static void stopIt() {
        Platform.control("POST", "/quiz-app-alone/stop");
    }

    @Test
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
}
