package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;
import org.microshed.testing.kafka.KafkaProducerClient;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static it.quizplatform.QuizAuthoringIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No answer is lost when the server dies: an answer acknowledged as "locked in" is in Kafka, so one that answer-app
 * has not decided yet when the server goes down is decided when it comes back, and the game resumes.
 */
@MicroShedTest
public class AnswerDurabilityIT {

    @KafkaProducerClient(keySerializer = StringSerializer.class, valueSerializer = StringSerializer.class,
            properties = {"acks=all", "enable.idempotence=true"})
    public static KafkaProducer<String, String> producer;

    @AfterAll
    static void serverBack() {
        Platform.control("POST", "/liberty/start");
    }

    @Test
    void answersReceivedBeforeAServerStopsAreDecidedWhenItIsBack() throws Exception {
        String host = Platform.registerAndLogin(Platform.uniqueEmail("durable"), "Durable Host");
        String quizId = QuizAuthoringIT.published(host, "Durable Quiz",
                QuizAuthoringIT.timed(QuizAuthoringIT.SINGLE, 90));
        JsonNode game = send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null).json();
        String gameId = game.get("id").asText();
        JsonNode ada = GameLobbyIT.join(game.get("pin").asText(), "Ada").json();
        JsonNode bob = GameLobbyIT.join(game.get("pin").asText(), "Bob").json();

        String paris;
        try (SocketClient hostSocket = SocketClient.host(gameId, host);
             SocketClient adaSocket = SocketClient.player(gameId, ada.get("playerToken").asText());
             SocketClient bobSocket = SocketClient.player(gameId, bob.get("playerToken").asText())) {
            hostSocket.awaitType("welcome");
            adaSocket.awaitType("welcome");
            bobSocket.awaitType("welcome"); // connected, so Ada's answer alone does not close the question
            hostSocket.send("{\"type\":\"start\"}");
            JsonNode open = adaSocket.awaitPhase("open");
            paris = open.get("question").get("options").get(0).get("id").asText();
            adaSocket.send(AnswersIT.answer(0, paris));
            adaSocket.awaitType("answer-received");
        }

        Platform.control("POST", "/liberty/stop");
        // Bob's answer was received by an instance that acknowledged it and died before answer-app saw it: it is
        // in the game's partition, and nothing else.
        AnswersIT.forward(producer, UUID.randomUUID().toString(), gameId, bob.get("playerId").asText(), 0, paris, Instant.now());
        Platform.control("POST", "/liberty/start");

        Instant deadline = Instant.now().plusSeconds(60);
        while (Platform.count("ANSWER", "SELECT count(*) FROM answers WHERE game_id = ?", UUID.fromString(gameId)) < 2
                && Instant.now().isBefore(deadline)) {
            Platform.sleep(300);
        }
        long decided = Platform.count("ANSWER", "SELECT count(*) FROM answers WHERE game_id = ?", UUID.fromString(gameId));
        try (var c = Platform.database("ANSWER");
             var q = c.prepareStatement("SELECT reason FROM refused_answers WHERE game_id = ?")) {
            q.setObject(1, UUID.fromString(gameId));
            try (var rs = q.executeQuery()) {
                assertThat(rs.next() ? rs.getString(1) : "none").as("why an answer was refused").isEqualTo("none");
            }
        }
        assertThat(decided).isEqualTo(2);
        assertThat(Platform.count("ANSWER", "SELECT count(*) FROM answers WHERE game_id = ? AND correct", UUID.fromString(gameId)))
                .isEqualTo(2);
        // The game goes on where it was: the host moves it to its end.
        if ("open".equals(send("GET", "/quiz/api/games/" + gameId, null, host, null).json().get("phase").asText())) {
            assertThat(send("POST", "/quiz/api/games/" + gameId + "/skip", null, host, null).status()).isEqualTo(200);
        }
        assertThat(send("POST", "/quiz/api/games/" + gameId + "/next", null, host, null).json().get("phase").asText()).isEqualTo("ended");
    }
}
