package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;
import org.microshed.testing.kafka.KafkaConsumerClient;
import org.microshed.testing.kafka.KafkaProducerClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static it.quizplatform.QuizAuthoringIT.TYPE_ANSWER;
import static it.quizplatform.QuizAuthoringIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * answer-app's side of "an acknowledged answer is always decided and the player is always told": answers that reach
 * it with content it could not store as it is (however they got past quiz-app) are refused as invalid-answer, stored
 * as refusals, announced, and shown to the player; none fails its transaction or ends in the dead-letter topic, and
 * the game's answers after them go on being decided.
 */
@MicroShedTest
public class UnstorableAnswersIT {

    @KafkaConsumerClient(groupId = "it-unstorable-answers", topics = "answer-events",
            keyDeserializer = StringDeserializer.class, valueDeserializer = StringDeserializer.class,
            properties = "auto.offset.reset=earliest")
    public static KafkaConsumer<String, String> answerEvents;

    @KafkaProducerClient(keySerializer = StringSerializer.class, valueSerializer = StringSerializer.class,
            properties = {"acks=all", "enable.idempotence=true"})
    public static KafkaProducer<String, String> producer;

    @Test
    void whatAnswerAppCouldNotStoreIsRefusedAsInvalidAndThePlayerIsTold() throws Exception {
        String host = Platform.registerAndLogin(Platform.uniqueEmail("unstorable"), "Unstorable Host");
        String quizId = QuizAuthoringIT.published(host, "Unstorable Quiz", QuizAuthoringIT.timed(TYPE_ANSWER, 120));
        JsonNode game = send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null).json();
        String gameId = game.get("id").asText();
        JsonNode cy = GameLobbyIT.join(game.get("pin").asText(), "Cy").json();
        String cyId = cy.get("playerId").asText();
        EventLog decisions = new EventLog(answerEvents);

        try (SocketClient hostSocket = SocketClient.host(gameId, host);
             SocketClient cySocket = SocketClient.player(gameId, cy.get("playerToken").asText())) {
            hostSocket.awaitType("welcome");
            cySocket.awaitType("welcome");
            hostSocket.send("{\"type\":\"start\"}");
            cySocket.awaitPhase("open");
            AnswersIT.openInAnswerApp(gameId, 0);

            // As a quiz-app that did not check them would forward them (JSON escapes, so the bytes on Kafka are valid).
            Map<String, String> unstorable = Map.of(
                    "NUL", forward(gameId, cyId, "[]", "\"Mar\\u0000ianas\""),
                    "a lone surrogate", forward(gameId, cyId, "[]", "\"Pacific\\ud800\""),
                    "150 characters", forward(gameId, cyId, "[]", "\"" + "p".repeat(150) + "\""),
                    "a bell", forward(gameId, cyId, "[]", "\"Pacific\\u0007\""),
                    "an option id with NUL", forward(gameId, cyId, "[\"a\\u0000\"]", "null"));
            String notAPlayer = forward(gameId, "not-a-player\\u0000" + "x".repeat(80), "[]", "\"Pacific\"");

            List<JsonNode> decided = decisions.await(gameId, 6, EventLog.ofType("answer.rejected"));
            unstorable.forEach((what, answerId) -> assertThat(reason(decided, answerId)).as(what).isEqualTo("invalid-answer"));
            assertThat(reason(decided, notAPlayer)).isEqualTo("not-a-player");
            JsonNode told = cySocket.await("a refusal", Duration.ofSeconds(10), m -> "answer-refused".equals(m.path("type").asText()));
            assertThat(told.get("reason").asText()).isEqualTo("invalid-answer");

            // The game's partition is not held up: a real answer after them is decided and stored.
            cySocket.send("{\"type\":\"answer\",\"questionIndex\":0,\"text\":\"Pacific\"}");
            cySocket.awaitType("answer-received");
            decisions.await(gameId, 1, EventLog.ofType("answer.submitted"));
        }
        UUID id = UUID.fromString(gameId);
        assertThat(Platform.count("ANSWER", "SELECT count(*) FROM refused_answers WHERE game_id = ?", id)).isEqualTo(6);
        assertThat(Platform.count("ANSWER", "SELECT count(*) FROM answers WHERE game_id = ?", id)).isEqualTo(1);
    }

    /** Puts a game.answer-received on quiz-events, unchecked against its schema; returns the answer id. */
    private static String forward(String gameId, String playerId, String optionIds, String text) throws Exception {
        String answerId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        String event = ForgedEvents.envelope(answerId, "game.answer-received", "answer", gameId, 1, now,
                "{\"answerId\":\"" + answerId + "\",\"gameId\":\"" + gameId + "\",\"playerId\":\"" + playerId
                        + "\",\"questionIndex\":0,\"optionIds\":" + optionIds + ",\"text\":" + text + ",\"receivedAt\":\"" + now + "\"}");
        ForgedEvents.publishUnchecked(producer, "quiz-events", gameId, event);
        return answerId;
    }

    private static String reason(List<JsonNode> decided, String answerId) {
        return decided.stream().filter(e -> e.get("payload").path("answerId").asText().equals(answerId)).findFirst()
                .orElseThrow(() -> new AssertionError("no decision on " + answerId + " in " + decided))
                .get("payload").get("reason").asText();
    }
}
