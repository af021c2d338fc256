package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static it.quizplatform.QuizAuthoringIT.SINGLE;
import static it.quizplatform.QuizAuthoringIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two quiz-app instances (the EAR server and a second server running quiz-app alone) share one game: players on
 * either receive every change in order, answer through either, the host's controls work from either, and each
 * timer transition is recorded once. The second server is the container-image deployment too: the same server
 * configuration runs quiz-app alone (DEPLOYMENT=quiz-app), under the same URL paths as in the EAR, and shares the
 * event stream and the tokens with the EAR server (one server started for both, a start takes 20-30 s).
 */
public class MultiInstanceGameIT {

    private static String secondInstance;
    private static String host;
    private static String quizId;

    @BeforeAll
    static void secondInstanceAndQuiz() {
        JsonNode status = Platform.control("POST", "/quiz-app-alone/start");
        secondInstance = "127.0.0.1:" + status.get("components").get("quiz-app-alone").get("port").asInt();
        // A scrape before any socket, as Prometheus does from the start: the sockets gauge must not be what makes the
        // sockets' bean (made on the scrape's thread, it could not write to any socket of this server).
        Platform.Reply scrape = Platform.send(HttpRequest.newBuilder(URI.create("http://" + secondInstance + "/metrics")).GET());
        assertThat(scrape.body()).as("the second instance's metrics").contains("quiz_sockets_open");
        host = Platform.registerAndLogin(Platform.uniqueEmail("multi"), "Multi Host");
        quizId = QuizAuthoringIT.published(host, "Two Instances",
                // 20 s: both answers cross Kafka and both instances before it closes early, however slow the machine.
                QuizAuthoringIT.timed(SINGLE, 20), QuizAuthoringIT.POLL);
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

    /**
     * The live game goes on from the database while Kafka is away. A player who has just joined is welcomed from the
     * join committed on this instance, without reading anything (shown with PostgreSQL stopped at the hello too). And
     * a player on the other instance, which the fan-out cannot tell, follows the host's start all the same: the
     * watch there compares its view with the event store every 5 s and repairs a view still behind at a second look.
     */
    @Test
    void withKafkaAwayAJoinerIsWelcomedAndTheOtherInstanceCatchesUp() throws Exception {
        JsonNode game = send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null).json();
        String gameId = game.get("id").asText();
        JsonNode bob = GameLobbyIT.join(game.get("pin").asText(), "Bob").json();
        try (SocketClient hostSocket = SocketClient.host(gameId, host);
             SocketClient bobSocket = SocketClient.playerAt(secondInstance, gameId, bob.get("playerToken").asText())) {
            hostSocket.awaitType("welcome");
            bobSocket.awaitType("welcome");
            double repairedBefore = repairedViews();
            Platform.control("POST", "/kafka/stop");
            try {
                JsonNode ada = GameLobbyIT.join(game.get("pin").asText(), "Ada").json();
                Platform.control("POST", "/postgres/stop");
                try (SocketClient adaSocket = SocketClient.player(gameId, ada.get("playerToken").asText())) {
                    JsonNode welcome = adaSocket.awaitType("welcome");
                    assertThat(welcome.get("phase").asText()).isEqualTo("lobby");
                    assertThat(welcome.get("you").get("nickname").asText()).isEqualTo("Ada");
                } finally {
                    Platform.control("POST", "/postgres/start");
                }
                Platform.await("quiz-app ready again", java.time.Duration.ofSeconds(60), () ->
                        Platform.get("/health/ready").status() == 200 ? Optional.of(true) : Optional.empty());

                hostSocket.send("{\"type\":\"start\"}");
                JsonNode started = bobSocket.await("the start, with Kafka away", java.time.Duration.ofSeconds(40),
                        m -> m.path("phase").asText().matches("preview|open|closed"));
                assertThat(started.get("questionIndex").asInt()).isZero();
                assertThat(repairedViews()).as("quiz_game_views_repaired_total on the second instance").isGreaterThan(repairedBefore);
            } finally {
                Platform.control("POST", "/kafka/start");
            }
            hostSocket.send("{\"type\":\"end\"}");
            bobSocket.awaitPhase("ended");
        }
        for (String server : List.of(Platform.baseUrl(), "http://" + secondInstance)) {
            Platform.await("Kafka reachable again from " + server, java.time.Duration.ofSeconds(90), () -> {
                Platform.Reply r = Platform.send(HttpRequest.newBuilder(URI.create(server + "/health/ready")).GET());
                boolean reachable = r.status() == 200 && java.util.stream.StreamSupport.stream(r.json().path("checks").spliterator(), false)
                        .filter(c -> c.path("name").asText().endsWith(".kafka"))
                        .allMatch(c -> c.path("data").path("reachable").asBoolean());
                return reachable ? Optional.of(true) : Optional.empty();
            });
        }
        // The consumers' channels came through the outage (with Kafka 4.1 clients a commit while the coordinator was
        // still unknown ended them for good, and liveness would say so).
        Platform.Reply live = Platform.get("/health/live");
        assertThat(live.status()).as(live.body()).isEqualTo(200);
        assertThat(live.body()).contains("scoring-app.channels", "answer-app.channels");
    }

    @Test
    void theSecondServerServesOnlyQuizAppUnderItsOwnContextRoot() {
        Platform.Reply ready = getSecond("/health/ready");
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        List<String> checks = new ArrayList<>();
        ready.json().get("checks").forEach(c -> checks.add(c.get("name").asText()));
        assertThat(checks).containsExactlyInAnyOrder("quiz-app.database", "quiz-app.kafka", "quiz-app.redis");

        assertThat(getSecond("/user/api/users").status()).isEqualTo(404);
    }

    @Test
    void theSecondServerVerifiesTokensIssuedByUserAppElsewhere() {
        String token = Platform.registerAndLogin(Platform.uniqueEmail("alone-token"), "Remote Token");
        Platform.Reply caller = Platform.send(HttpRequest.newBuilder(URI.create("http://" + secondInstance + "/quiz/api/caller"))
                .header("Authorization", "Bearer " + token).GET());
        assertThat(caller.status()).as(caller.body()).isEqualTo(200);
        assertThat(caller.json().get("name").asText()).isEqualTo("Remote Token");
        assertThat(Platform.send(HttpRequest.newBuilder(URI.create("http://" + secondInstance + "/quiz/api/caller"))
                .header("Authorization", "Bearer " + token + "x").GET()).status()).isEqualTo(401);
    }

    @Test
    void theSecondServerSharesTheEventStreamWithTheEarDeployment() {
        Platform.Reply registered = Platform.postJson("/user/api/users",
                Platform.registrationJson(Platform.uniqueEmail("alone"), "Standalone Reader"));
        assertThat(registered.status()).isEqualTo(201);
        String userId = registered.json().get("id").asText();

        JsonNode reader = Platform.await("the standalone quiz-app to serve host " + userId, Duration.ofSeconds(30), () -> {
            Platform.Reply r = getSecond("/quiz/api/hosts/" + userId);
            return r.status() == 200 ? Optional.of(r.json()) : Optional.empty();
        });
        assertThat(reader.get("displayName").asText()).isEqualTo("Standalone Reader");
        // Both quiz-app instances share one consumer group and one database: the host exists once.
        assertThat(Platform.count("QUIZ", "SELECT count(*) FROM hosts WHERE host_id = ?::uuid", userId)).isEqualTo(1);
    }

    private static Platform.Reply getSecond(String path) {
        return Platform.send(HttpRequest.newBuilder(URI.create("http://" + secondInstance + path)).GET());
    }

    private static double repairedViews() {
        String metrics = Platform.send(HttpRequest.newBuilder(URI.create("http://" + secondInstance + "/metrics?scope=application"))
                .GET()).body();
        return metrics.lines().filter(l -> l.startsWith("quiz_game_views_repaired_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
