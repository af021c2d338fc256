package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Optional;

import static it.quizplatform.AnswersIT.answer;
import static it.quizplatform.AnswersIT.optionId;
import static it.quizplatform.QuizAuthoringIT.SINGLE;
import static it.quizplatform.QuizAuthoringIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a game socket does when something fails under it: the server's own failure (its database out) is answered and
 * the socket stays served; a socket that breaks is counted out of the game once, however it ends.
 */
public class SocketFailuresIT {

    private static String host;
    private static String quizId;

    @BeforeAll
    static void publishedQuiz() {
        host = Platform.registerAndLogin(Platform.uniqueEmail("sockfail"), "Failures Host");
        quizId = QuizAuthoringIT.published(host, "Failures Quiz", QuizAuthoringIT.timed(SINGLE, 30));
    }

    private static JsonNode newGame() {
        return send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null).json();
    }

    private static String playerToken(JsonNode game, String nickname) {
        return GameLobbyIT.join(game.get("pin").asText(), nickname).json().get("playerToken").asText();
    }

    /**
     * A host command the server cannot carry out (quiz_db out) is answered {@code try-again}, and the same socket is
     * served again once the database is back: the host presses start again, nothing else. It used to get no answer,
     * and no push ever again on that socket (Liberty's onError let go of it, the socket stayed open).
     */
    @Test
    void aHostCommandTheDatabaseCannotTakeIsAnsweredAndTheSocketStaysServed() {
        JsonNode game = newGame();
        String gameId = game.get("id").asText();
        playerToken(game, "Ada");
        try (SocketClient hostSocket = SocketClient.host(gameId, host)) {
            hostSocket.awaitType("welcome");
            Platform.control("POST", "/postgres/stop");
            try {
                hostSocket.send("{\"type\":\"start\"}");
                JsonNode refused = hostSocket.await("an answer to the start", Duration.ofSeconds(30),
                        m -> "error".equals(m.path("type").asText()));
                assertThat(refused.get("code").asText()).isEqualTo("try-again");
                assertThat(refused.toString()).doesNotContain("Exception").doesNotContain("SQL");
            } finally {
                Platform.control("POST", "/postgres/start");
            }
            Platform.await("the services ready again", Duration.ofSeconds(90), () ->
                    Platform.get("/health/ready").status() == 200 ? Optional.of(true) : Optional.empty());
            hostSocket.send("{\"type\":\"start\"}");
            assertThat(hostSocket.awaitPhase("preview").get("questionIndex").asInt()).isZero();
            hostSocket.send("{\"type\":\"end\"}");
            hostSocket.awaitPhase("ended");
        }
    }

    /**
     * A player with two sockets (a phone that reconnected before its old socket was closed) whose old one breaks (a
     * text frame that is not UTF-8, or a TCP reset) is still online on the other: the question does not close as
     * answered by everyone while they have not answered. A socket is counted out once however many times its end is
     * reported (OpenSockets#closed); these two ways of breaking were counted right before that too, while a failure
     * of the server's own handler (reported by Liberty's onError, then onClose when the phone gave up) counted it out
     * twice.
     */
    @ParameterizedTest
    @ValueSource(strings = {"not UTF-8", "reset"})
    void aBrokenSocketCountsItsPlayerOutOnce(String howItBreaks) throws Exception {
        JsonNode game = newGame();
        String gameId = game.get("id").asText();
        String ada = playerToken(game, "Ada");
        String bob = playerToken(game, "Bob");
        try (SocketClient hostSocket = SocketClient.host(gameId, host);
             SocketClient adaSocket = SocketClient.player(gameId, ada);
             SocketClient bobSocket = SocketClient.player(gameId, bob);
             StalledPhone adaOldSocket = StalledPhone.player(gameId, ada)) {
            hostSocket.awaitType("welcome");
            adaSocket.awaitType("welcome");
            bobSocket.awaitType("welcome");
            adaOldSocket.awaitText("\"welcome\"", Duration.ofSeconds(15));

            if (howItBreaks.equals("reset")) {
                adaOldSocket.reset();
                Platform.sleep(1_000); // the server reads the reset
            } else {
                adaOldSocket.sendTextFrame(new byte[]{'{', (byte) 0xC3, (byte) 0x28, '}'}); // 0xC3 0x28: not UTF-8
                StalledPhone.Received ended = adaOldSocket.readAll(Duration.ofSeconds(15));
                assertThat(ended.closeCode()).as("the broken socket is closed: " + ended).isPositive();
            }

            hostSocket.send("{\"type\":\"start\"}");
            JsonNode open = bobSocket.awaitPhase("open");
            String paris = optionId(open, "Paris");
            bobSocket.send(answer(0, paris));
            bobSocket.awaitType("answer-accepted");
            // Time for an early close to happen if the game took Ada for gone (it runs as Bob's answer is decided).
            Platform.sleep(2_000);

            adaSocket.awaitPhase("open");
            adaSocket.send(answer(0, paris));
            JsonNode reply = adaSocket.await("Ada's answer's reply", Duration.ofSeconds(15),
                    m -> m.path("type").asText().startsWith("answer-"));
            assertThat(reply.get("type").asText()).as(reply.toString()).isEqualTo("answer-received");
            assertThat(bobSocket.awaitPhase("closed").get("closeReason").asText()).isEqualTo("all-answered");
            hostSocket.send("{\"type\":\"end\"}");
            bobSocket.awaitPhase("ended");
        }
    }
}
