package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.concurrent.TimeUnit;

import static it.quizplatform.QuizAuthoringIT.SINGLE;
import static it.quizplatform.QuizAuthoringIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two quiz-app instances (the EAR server and a second server running quiz-app alone) share one game: players on
 * either receive every change in order, answer through either, the host's controls work from either, and each
 * timer transition is recorded once.
 */
public class MultiInstanceGameIT {

    private static String secondInstance;
    private static String host;
    private static String quizId;

    @BeforeAll
    static void secondInstanceAndQuiz() {
        JsonNode status = Platform.control("POST", "/quiz-app-alone/start");
        secondInstance = "127.0.0.1:" + status.get("components").get("quiz-app-alone").get("port").asInt();
        host = Platform.registerAndLogin(Platform.uniqueEmail("multi"), "Multi Host");
        quizId = QuizAuthoringIT.create(host, "Two Instances").get("id").asText();
        send("POST", "/quiz/api/quizzes/" + quizId + "/questions", SINGLE.replace("\"timeLimitSeconds\":20", "\"timeLimitSeconds\":5"), host, "\"1\"");
        send("POST", "/quiz/api/quizzes/" + quizId + "/questions", QuizAuthoringIT.POLL, host, "\"2\"");
        send("POST", "/quiz/api/quizzes/" + quizId + "/publish", null, host, "\"3\"");
    }

    @AfterAll
    static void stopSecondInstance() {
        Platform.control("POST", "/quiz-app-alone/stop");
    }

    @Test
    void playersOnBothInstancesFollowOneGame() throws Exception {
        JsonNode game = send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null).json();
        String gameId = game.get("id").asText();
        JsonNode ada = GameLobbyIT.join(game.get("pin").asText(), "Ada").json();
        // Bob joins through the second instance's REST API.
        Platform.Reply bobJoin = Platform.send(HttpRequest.newBuilder(URI.create("http://" + secondInstance + "/quiz/api/games/players"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"pin\":\"" + game.get("pin").asText() + "\",\"nickname\":\"Bob\"}")));
        assertThat(bobJoin.status()).as(bobJoin.body()).isEqualTo(201);
        JsonNode bob = bobJoin.json();

        try (SocketClient hostSocket = SocketClient.host(gameId, host);
             SocketClient adaSocket = SocketClient.player(gameId, ada.get("playerToken").asText());
             SocketClient bobSocket = SocketClient.playerAt(secondInstance, gameId, bob.get("playerToken").asText())) {
            assertThat(hostSocket.awaitType("welcome").get("players")).hasSize(2);
            adaSocket.awaitType("welcome");
            assertThat(bobSocket.awaitType("welcome").get("you").get("nickname").asText()).isEqualTo("Bob");

            // The host's command on instance 1 reaches the player on instance 2, and the clock moves both on.
            hostSocket.send("{\"type\":\"start\"}");
            assertThat(bobSocket.awaitPhase("preview").get("question").get("text").asText()).isEqualTo("Capital of France?");
            JsonNode open = bobSocket.awaitPhase("open");
            assertThat(open.get("question").get("options")).hasSize(2);
            adaSocket.awaitPhase("open");

            // Each answers through their own instance; the host on instance 1 counts both, and the question
            // closes as soon as both have answered (both instances notice; it closes once).
            String paris = open.get("question").get("options").get(0).get("id").asText();
            adaSocket.send(AnswersIT.answer(0, paris));
            bobSocket.send(AnswersIT.answer(0, paris));
            adaSocket.awaitType("answer-received");
            bobSocket.awaitType("answer-received");
            assertThat(bobSocket.awaitPhase("closed").get("closeReason").asText()).isEqualTo("all-answered");
            adaSocket.awaitPhase("closed");
            assertThat(bobSocket.awaitType("results").get("correctCount").asInt()).isEqualTo(2);
            assertThat(adaSocket.awaitType("results").get("yourAnswer").get("correct").asBoolean()).isTrue();
            assertThat(hostSocket.awaitType("results").get("answered").asInt()).isEqualTo(2);

            // A host connected to the second instance controls the game too.
            try (SocketClient secondHost = SocketClient.hostAt(secondInstance, gameId, host)) {
                secondHost.awaitType("welcome");
                secondHost.send("{\"type\":\"next\"}");
                assertThat(adaSocket.awaitPhase("preview").get("questionIndex").asInt()).isEqualTo(1);
                secondHost.send("{\"type\":\"kick\",\"playerId\":\"" + bob.get("playerId").asText() + "\"}");
                bobSocket.awaitType("kicked");
                assertThat(bobSocket.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
                secondHost.send("{\"type\":\"end\"}");
                adaSocket.awaitPhase("ended");
            }
        }
        assertThat(Platform.count("QUIZ", "SELECT count(*) FROM event_store WHERE aggregate_id = ?::uuid AND event_type = 'game.question-opened'",
                gameId)).as("each timer transition once, with both instances scheduling").isEqualTo(1);
        assertThat(Platform.count("QUIZ", "SELECT count(*) FROM event_store WHERE aggregate_id = ?::uuid AND event_type = 'game.question-closed'",
                gameId)).isEqualTo(1);
    }
}
