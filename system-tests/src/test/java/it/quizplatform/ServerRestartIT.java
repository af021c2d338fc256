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
import java.util.Optional;
import java.util.UUID;

import static it.quizplatform.QuizAuthoringIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What reaches Kafka while the server is down is applied when it is back, one stop for both cases (a start takes
 * 20-30 s): no answer is lost when the server dies, since an answer acknowledged as "received" is in Kafka, so one
 * that answer-app had not decided yet is decided when it comes back and the game resumes; and a game's completion
 * that was waiting for its last tally resumes and completes once the tally arrived meanwhile.
 */
@MicroShedTest
public class ServerRestartIT {

    @KafkaProducerClient(keySerializer = StringSerializer.class, valueSerializer = StringSerializer.class,
            properties = {"acks=all", "enable.idempotence=true"})
    public static KafkaProducer<String, String> producer;

    @AfterAll
    static void serverBack() {
        Platform.control("POST", "/liberty/start");
    }

    @Test
    void whatReachesKafkaWhileTheServerIsDownIsAppliedWhenItIsBack() throws Exception {
        String host = Platform.registerAndLogin(Platform.uniqueEmail("durable"), "Durable Host");
        String admin = Platform.adminToken();
        AnsweredGame answered = gameWithAdasAnswerReceived(host);
        WaitingGame waiting = completionWaitingForItsTally(host, admin);
        String completing = waiting.gameId();

        Platform.control("POST", "/liberty/stop");
        try {
            // Bob's answer was received by an instance that acknowledged it and died before answer-app saw it: it is
            // in the game's partition, and nothing else.
            AnswersIT.forward(producer, UUID.randomUUID().toString(), answered.gameId(), answered.bobId(), 0, answered.paris(),
                    Instant.now());
            // The last tally the completion waits for.
            ForgedEvents.publish(producer, "answer-events", completing, ScoringIT.tallied(completing, 0, 1, 1, 2));
        } finally {
            Platform.control("POST", "/liberty/start");
        }

        bothAnswersDecidedAndTheGameGoesOn(host, answered.gameId());
        JsonNode done = Platform.await("the completion done after the restart", Duration.ofSeconds(60), () -> {
            Platform.Reply r = Platform.get("/scoring/api/admin/games/" + completing + "/finalization", admin);
            return r.status() == 200 && "DONE".equals(r.json().get("state").asText()) ? Optional.of(r.json()) : Optional.empty();
        });
        assertThat(done.get("completedAt").isNull()).isFalse();
        JsonNode finalized = ScoringIT.awaitScoringEvent(completing, "game.finalized");
        assertThat(finalized.get("payload").get("podium").get(0).get("playerId").asText()).isEqualTo(waiting.adaId());
        assertThat(finalized.get("payload").get("podium").get(0).get("total").asInt()).isEqualTo(1000);
        assertThat(Platform.get("/scoring/api/games/" + completing + "/report", admin).json().get("ranking").get(0).get("score")
                .asInt()).isEqualTo(1000);
    }

    record AnsweredGame(String gameId, String bobId, String paris) {
    }

    /** A game of Ada and Bob, both connected (so Ada's answer alone does not close the question), Ada's answer received. */
    private static AnsweredGame gameWithAdasAnswerReceived(String host) {
        String quizId = QuizAuthoringIT.published(host, "Durable Quiz", QuizAuthoringIT.timed(QuizAuthoringIT.SINGLE, 90));
        JsonNode game = send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null).json();
        String gameId = game.get("id").asText();
        JsonNode ada = GameLobbyIT.join(game.get("pin").asText(), "Ada").json();
        JsonNode bob = GameLobbyIT.join(game.get("pin").asText(), "Bob").json();
        try (SocketClient hostSocket = SocketClient.host(gameId, host);
             SocketClient adaSocket = SocketClient.player(gameId, ada.get("playerToken").asText());
             SocketClient bobSocket = SocketClient.player(gameId, bob.get("playerToken").asText())) {
            hostSocket.awaitType("welcome");
            adaSocket.awaitType("welcome");
            bobSocket.awaitType("welcome");
            hostSocket.send("{\"type\":\"start\"}");
            JsonNode open = adaSocket.awaitPhase("open");
            String paris = open.get("question").get("options").get(0).get("id").asText();
            adaSocket.send(AnswersIT.answer(0, paris));
            adaSocket.awaitType("answer-received");
            return new AnsweredGame(gameId, bob.get("playerId").asText(), paris);
        }
    }

    record WaitingGame(String gameId, String adaId) {
    }

    /**
     * A forged game in which Ada answered, ended; answer-app never tallies it, so its completion waits (set up last
     * before the stop: it gives up after SCORING_FINALIZATION_WAIT_SECONDS).
     */
    private static WaitingGame completionWaitingForItsTally(String host, String admin) throws Exception {
        String gameId = UUID.randomUUID().toString();
        String ada = UUID.randomUUID().toString();
        String hostId = Platform.get("/scoring/api/caller", host).json().get("userId").asText();
        ForgedEvents.publishAll(producer, "quiz-events", gameId, ForgedEvents.gameWithQuestionOpen(gameId, hostId, ada));
        ScoringIT.withoutAnswerAppTallies(gameId);
        ForgedEvents.publish(producer, "answer-events", gameId, ScoringIT.submitted(UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), gameId, ada, 0, true, 0, 1));
        ForgedEvents.publish(producer, "quiz-events", gameId, ScoringIT.ended(gameId, 9));
        JsonNode waiting = Platform.await("the completion waiting for the tally", Duration.ofSeconds(20), () -> {
            Platform.Reply r = Platform.get("/scoring/api/admin/games/" + gameId + "/finalization", admin);
            return r.status() == 200 ? Optional.of(r.json()) : Optional.empty();
        });
        assertThat(waiting.get("step").asText()).isEqualTo("AWAITING_SCORES");
        assertThat(waiting.get("state").asText()).isEqualTo("RUNNING");
        return new WaitingGame(gameId, ada);
    }

    private static void bothAnswersDecidedAndTheGameGoesOn(String host, String gameId) {
        UUID game = UUID.fromString(gameId);
        Platform.await("both answers decided", Duration.ofSeconds(60), () ->
                Platform.count("ANSWER", "SELECT count(*) FROM answers WHERE game_id = ?", game) >= 2 ? Optional.of(true) : Optional.empty());
        assertThat(Platform.count("ANSWER", "SELECT count(*) FROM refused_answers WHERE game_id = ?", game))
                .as("answers refused").isZero();
        assertThat(Platform.count("ANSWER", "SELECT count(*) FROM answers WHERE game_id = ? AND correct", game)).isEqualTo(2);
        // The game goes on where it was: the host moves it to its end.
        if ("open".equals(send("GET", "/quiz/api/games/" + gameId, null, host, null).json().get("phase").asText())) {
            assertThat(send("POST", "/quiz/api/games/" + gameId + "/skip", null, host, null).status()).isEqualTo(200);
        }
        assertThat(send("POST", "/quiz/api/games/" + gameId + "/next", null, host, null).json().get("phase").asText())
                .isEqualTo("ended");
    }
}
