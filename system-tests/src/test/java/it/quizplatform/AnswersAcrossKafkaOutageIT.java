package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static it.quizplatform.QuizAuthoringIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers keep their place in the game's partition across a Kafka outage: an answer is decided against exactly the
 * game events that came before it, so neither a join recorded while the broker was away nor a close recorded while an
 * answer still waited for the broker may change their order. Each scenario ends in answer-app's own tables.
 */
@MicroShedTest
public class AnswersAcrossKafkaOutageIT {

    @AfterEach
    void brokerIsBack() {
        if (!"up".equals(Platform.stackStatus().get("components").get("kafka").get("state").asText())) {
            Platform.control("POST", "/kafka/start");
        }
        awaitKafkaReachable();
    }

    /**
     * A player joins while Kafka is away; the join waits in quiz-app's outbox, whose relay retries with a backoff of up
     * to 10 s. The broker is back, and the player answers before the relay has tried again: the answer must not reach
     * answer-app ahead of the join (it was refused `not-a-player` when it went straight to Kafka).
     */
    @Test
    void aPlayerWhoJoinedWhileKafkaWasAwayIsAPlayerWhenTheirAnswerIsDecided() {
        Game game = Game.open("Late joiner", 240, true); // open through the outage and the waits around it
        try (SocketClient hostSocket = SocketClient.host(game.id, game.host);
             SocketClient ada = game.player("Ada")) {
            hostSocket.awaitType("welcome");
            hostSocket.send("{\"type\":\"start\"}");
            String option = firstOption(ada.awaitPhase("open"));

            Platform.control("POST", "/kafka/stop");
            JsonNode grace = GameLobbyIT.join(game.pin, "Grace").json();
            // Long enough for the relay's backoff to grow to seconds.
            Platform.sleep(12_000);
            try (SocketClient graceSocket = SocketClient.player(game.id, grace.get("playerToken").asText())) {
                assertThat(graceSocket.awaitType("welcome").path("phase").asText()).isEqualTo("open");
                Platform.control("POST", "/kafka/start");
                awaitKafkaReachable();
                graceSocket.send(AnswersIT.answer(0, option));
                graceSocket.awaitType("answer-received");
                JsonNode decided = decision(graceSocket);
                assertThat(decided.path("type").asText()).as(decided.toString()).isEqualTo("answer-accepted");
            }
        }
        assertThat(refusals(game.id)).as("why an answer was refused").isEqualTo("none");
        assertThat(Platform.count("ANSWER", "SELECT count(*) FROM answers WHERE game_id = ?", UUID.fromString(game.id)))
                .isEqualTo(1);
    }

    /**
     * Kafka goes away while a question is open; a player answers 1.3 s before the time is up. The broker does not
     * take the answer within 1.5 s, so the answer is committed to quiz-app's outbox after the time-up close: it must
     * still be decided as received in time (it was refused `question-closed`, being behind the close in the partition).
     * The close writes it ahead of itself, and the outbox relay, back from a pause, sends the first row alone, so the
     * close cannot overtake it when the broker returns between the two sends.
     */
    @Test
    void anAnswerStillWaitingForTheBrokerAtTheCloseIsDecidedAheadOfIt() {
        Optional<String> played = answerInTheLastSecondsWithoutKafka();
        if (played.isEmpty()) {
            // The server took the answer only after the close, or Kafka's stop outlasted the question (a loaded
            // machine), so the scenario did not happen: once more, on a new game.
            brokerIsBack();
            played = answerInTheLastSecondsWithoutKafka();
        }
        assertThat(played).as("the server took the answer before the close in one of two games").isPresent();
        assertThat(refusals(played.get())).as("why an answer was refused").isEqualTo("none");
        assertThat(Platform.count("ANSWER", "SELECT count(*) FROM answers WHERE game_id = ? AND correct",
                UUID.fromString(played.get()))).as("Bob's and Ada's").isEqualTo(2);
    }

    /**
     * Kafka and PostgreSQL away together: the broker does not take Ada's answer and the outbox's write fails. She is
     * told `answer-not-saved` only once the direct send has failed for good too (the producer, which keeps retrying
     * while it knows the partition, may still deliver it; here it fails when it finds no metadata for the topic): an
     * answer she was told to send again must not count as well. She sends it again once everything is back, and it
     * counts once.
     */
    @Test
    void anAnswerNeitherTheBrokerNorTheDatabaseTookIsNotSavedAndCountsOnlyWhenSentAgain() {
        Game game = Game.open("Both away", 240, false);
        try (SocketClient hostSocket = SocketClient.host(game.id, game.host);
             SocketClient ada = game.player("Ada");
             SocketClient bob = game.player("Bob")) {
            JsonNode open = startedWithBobsAnswerIn(hostSocket, ada, bob);

            Platform.control("POST", "/kafka/stop");
            Platform.control("POST", "/postgres/stop");
            try {
                ada.send(AnswersIT.answer(0, firstOption(open)));
                JsonNode reply = ada.await("the answer's reply", Duration.ofSeconds(30), m ->
                        m.path("type").asText().equals("answer-received") || m.path("code").asText().equals("answer-not-saved"));
                assertThat(reply.path("code").asText()).as(reply.toString()).isEqualTo("answer-not-saved");
                assertThat(reply.path("questionIndex").isInt()).as("names its question: " + reply).isTrue();
                assertThat(reply.path("questionIndex").asInt()).isZero();
            } finally {
                Platform.control("POST", "/postgres/start");
                Platform.control("POST", "/kafka/start");
            }
            awaitKafkaReachable();
            // Nothing of the first one arrives meanwhile (it would have counted), and the one sent again counts.
            Platform.sleep(5_000);
            assertThat(Platform.count("ANSWER", "SELECT count(*) FROM answers WHERE game_id = ?", UUID.fromString(game.id)))
                    .as("Bob's only").isEqualTo(1);
            ada.send(AnswersIT.answer(0, firstOption(open)));
            ada.awaitType("answer-received");
            JsonNode decided = decision(ada);
            assertThat(decided.path("type").asText()).as(decided.toString()).isEqualTo("answer-accepted");
        }
        assertThat(Platform.count("ANSWER", "SELECT count(*) FROM answers WHERE game_id = ?", UUID.fromString(game.id)))
                .isEqualTo(2);
    }

    /**
     * The game's id once Ada's answer was received and decided; empty if it came too late to be received, or Kafka's
     * stop left no time before the close to send it.
     */
    private Optional<String> answerInTheLastSecondsWithoutKafka() {
        Game game = Game.open("Close during outage", 15, false);
        try (SocketClient hostSocket = SocketClient.host(game.id, game.host);
             SocketClient ada = game.player("Ada");
             SocketClient bob = game.player("Bob")) {
            // Bob then waits silently: Ada's answer alone does not close the question.
            JsonNode open = startedWithBobsAnswerIn(hostSocket, ada, bob);
            Instant closesAt = Instant.parse(open.get("closesAt").asText());

            Platform.control("POST", "/kafka/stop");
            // Within the last 1.5 s (the broker's wait), with time for the server to take the answer before the close.
            long untilLastSeconds = Duration.between(Instant.now(), closesAt.minusMillis(1300)).toMillis();
            if (untilLastSeconds <= 0) {
                return Optional.empty(); // Kafka took the question's time to stop (a loaded machine): played again
            }
            Platform.sleep(untilLastSeconds);
            ada.send(AnswersIT.answer(0, firstOption(open)));
            // "received" comes after the close (pushed meanwhile, which this wait passes over).
            JsonNode reply = ada.await("the answer's reply", Duration.ofSeconds(15), m ->
                    m.path("type").asText().equals("answer-received") || m.path("type").asText().equals("answer-refused"));
            if (reply.path("type").asText().equals("answer-refused")) {
                assertThat(reply.path("reason").asText()).as(reply.toString()).isIn("question-closed", "too-late");
                return Optional.empty();
            }
            assertThat(hostSocket.awaitPhase("closed").path("closeReason").asText()).isEqualTo("time-up");

            Platform.control("POST", "/kafka/start");
            JsonNode decided = decision(ada);
            assertThat(decided.path("type").asText()).as(decided.toString()).isEqualTo("answer-accepted");
        }
        return Optional.of(game.id);
    }

    /** A host's game of one question, opened to players. */
    private record Game(String host, String id, String pin) {

        static Game open(String title, int seconds, boolean lateJoins) {
            String host = Platform.registerAndLogin(Platform.uniqueEmail("outage-answers"), "Outage Host");
            String quizId = QuizAuthoringIT.published(host, title, QuizAuthoringIT.timed(QuizAuthoringIT.SINGLE, seconds));
            Platform.Reply created = send("POST", "/quiz/api/games",
                    "{\"quizId\":\"" + quizId + "\",\"lateJoinAllowed\":" + lateJoins + "}", host, null);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            return new Game(host, created.json().get("id").asText(), created.json().get("pin").asText());
        }

        SocketClient player(String nickname) {
            SocketClient socket = SocketClient.player(id, GameLobbyIT.join(pin, nickname).json().get("playerToken").asText());
            socket.awaitType("welcome");
            return socket;
        }
    }

    private static String firstOption(JsonNode open) {
        return open.get("question").get("options").get(0).get("id").asText();
    }

    /**
     * Starts the game and has Bob answer while everything is there (the server's answer path is warm, the question's
     * opening in the log); the opening as Ada saw it.
     */
    private static JsonNode startedWithBobsAnswerIn(SocketClient hostSocket, SocketClient ada, SocketClient bob) {
        hostSocket.awaitType("welcome");
        hostSocket.send("{\"type\":\"start\"}");
        JsonNode open = ada.awaitPhase("open");
        bob.send(AnswersIT.answer(0, firstOption(open)));
        assertThat(decision(bob).path("type").asText()).isEqualTo("answer-accepted");
        return open;
    }

    private static JsonNode decision(SocketClient player) {
        return player.await("the answer's decision", Duration.ofSeconds(90), m ->
                m.path("type").asText().equals("answer-accepted") || m.path("type").asText().equals("answer-refused"));
    }

    private static String refusals(String gameId) {
        try (var c = Platform.database("ANSWER");
             var q = c.prepareStatement("SELECT string_agg(reason, ',') FROM refused_answers WHERE game_id = ?")) {
            q.setObject(1, UUID.fromString(gameId));
            try (var rs = q.executeQuery()) {
                rs.next();
                return rs.getString(1) == null ? "none" : rs.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitKafkaReachable() {
        Platform.await("Kafka reachable in the readiness report", Duration.ofSeconds(60), () -> {
            Platform.Reply r = Platform.get("/health/ready");
            boolean reachable = r.status() == 200 && java.util.stream.StreamSupport.stream(r.json().path("checks").spliterator(), false)
                    .filter(c -> c.path("name").asText().endsWith(".kafka"))
                    .allMatch(c -> c.path("data").path("reachable").asBoolean());
            return reachable ? Optional.of(true) : Optional.empty();
        });
    }
}
