package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import io.quizplatform.contracts.ContractValidator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;
import org.microshed.testing.kafka.KafkaConsumerClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static it.quizplatform.QuizAuthoringIT.POLL;
import static it.quizplatform.QuizAuthoringIT.SINGLE;
import static it.quizplatform.QuizAuthoringIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/** Games over REST: PIN, lobby, joining rules, host controls and ownership, events on quiz-events. */
@MicroShedTest
public class GameLobbyIT {

    @KafkaConsumerClient(groupId = "it-game-lobby", topics = "quiz-events",
            keyDeserializer = StringDeserializer.class, valueDeserializer = StringDeserializer.class,
            properties = "auto.offset.reset=earliest")
    public static KafkaConsumer<String, String> quizEvents;

    private static String host;
    private static String quizId;

    @BeforeAll
    static void publishedQuiz() {
        host = Platform.registerAndLogin(Platform.uniqueEmail("gamehost"), "Game Host");
        quizId = QuizAuthoringIT.published(host, "Game Quiz", SINGLE, POLL);
    }

    static JsonNode newGame(boolean lateJoin) {
        Platform.Reply created = send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\",\"lateJoinAllowed\":" + lateJoin + "}", host, null);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    static Platform.Reply join(String pin, String nickname) {
        return Platform.postJson("/quiz/api/games/players", "{\"pin\":\"" + pin + "\",\"nickname\":\"" + nickname + "\"}");
    }

    @Test
    void playersJoinTheLobbyWithThePinAndTheHostControlsTheGame() throws Exception {
        JsonNode game = newGame(false);
        String gameId = game.get("id").asText();
        String pin = game.get("pin").asText();
        assertThat(pin).matches("\\d{6}");
        assertThat(game.get("phase").asText()).isEqualTo("lobby");
        assertThat(game.get("questionCount").asInt()).isEqualTo(2);

        Platform.Reply ada = join(pin, "Ada");
        assertThat(ada.status()).as(ada.body()).isEqualTo(201);
        assertThat(ada.json().get("playerToken").asText()).contains(".");
        assertThat(ada.json().get("gameId").asText()).isEqualTo(gameId);
        String grace = join(pin, "Grace").json().get("playerId").asText();
        Platform.Reply taken = join(pin, "  ADA ");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("title").asText()).as("the web client reads the rule from the title")
                .isEqualTo("Game rule: nickname-taken");
        assertThat(taken.json().get("errors").findValuesAsText("field")).containsExactly("nickname");
        Platform.Reply script = join(pin, "<b>x</b>");
        assertThat(script.status()).isEqualTo(400);
        assertThat(script.json().get("errors").findValuesAsText("field")).contains("nickname");

        JsonNode lobby = send("GET", "/quiz/api/games/" + gameId, null, host, null).json();
        assertThat(lobby.get("playerCount").asInt()).isEqualTo(2);
        assertThat(lobby.get("players").findValuesAsText("nickname")).containsExactly("Ada", "Grace");

        assertThat(send("DELETE", "/quiz/api/games/" + gameId + "/players/" + grace, null, host, null).json()
                .get("playerCount").asInt()).isEqualTo(1);

        JsonNode tooSoon = send("POST", "/quiz/api/games/" + gameId + "/next", null, host, null).json();
        assertThat(tooSoon.get("title").asText()).as("next before start").isEqualTo("Game rule: not-started");
        assertThat(tooSoon.get("errors").findValuesAsText("code")).containsExactly("not-started");
        assertThat(send("POST", "/quiz/api/games/" + gameId + "/start", null, host, null).json().get("phase").asText()).isEqualTo("preview");
        assertThat(join(pin, "Latecomer").status()).as("no late joining unless the host allows it").isEqualTo(409);
        assertThat(send("POST", "/quiz/api/games/" + gameId + "/next", null, host, null).json().get("title").asText())
                .as("next while a question runs").isEqualTo("Game rule: question-not-closed");
        assertThat(send("POST", "/quiz/api/games/" + gameId + "/skip", null, host, null).json().get("phase").asText()).isEqualTo("closed");
        JsonNode second = send("POST", "/quiz/api/games/" + gameId + "/next", null, host, null).json();
        assertThat(second.get("questionIndex").asInt()).isEqualTo(1);
        assertThat(send("POST", "/quiz/api/games/" + gameId + "/end", null, host, null).json().get("phase").asText()).isEqualTo("ended");
        assertThat(join(pin, "TooLate").status()).as("the PIN is free once the game is over").isEqualTo(404);

        List<String> types = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(30);
        while (!types.contains("game.ended") && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> r : quizEvents.poll(Duration.ofMillis(500))) {
                if (gameId.equals(r.key())) {
                    assertThat(ContractValidator.violations(r.value())).as(r.value()).isEmpty();
                    types.add(Platform.JSON.readTree(r.value()).get("type").asText());
                }
            }
        }
        assertThat(types).containsExactly("game.created", "game.player-joined", "game.player-joined", "game.player-kicked",
                "game.started", "game.question-previewed", "game.question-closed", "game.question-previewed", "game.ended");
    }

    @Test
    void theServerClockOpensAndClosesEachQuestion() {
        String fast = QuizAuthoringIT.published(host, "Fast Quiz", QuizAuthoringIT.timed(SINGLE, 5));
        JsonNode game = send("POST", "/quiz/api/games", "{\"quizId\":\"" + fast + "\"}", host, null).json();
        String gameId = game.get("id").asText();
        join(game.get("pin").asText(), "Clockwatcher");

        Instant started = Instant.now();
        send("POST", "/quiz/api/games/" + gameId + "/start", null, host, null);
        JsonNode open = Platform.await("the question to open after its preview", Duration.ofSeconds(10), () -> {
            JsonNode g = send("GET", "/quiz/api/games/" + gameId, null, host, null).json();
            return "open".equals(g.get("phase").asText()) ? java.util.Optional.of(g) : java.util.Optional.empty();
        });
        // The 3 s preview, and room for a machine of two busy cores (stalls of 1-2 s were seen there).
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(8));
        Instant closesAt = Instant.parse(open.get("closesAt").asText());
        Platform.await("the question to close when its time is up", Duration.ofSeconds(15), () ->
                "closed".equals(send("GET", "/quiz/api/games/" + gameId, null, host, null).json().get("phase").asText())
                        ? java.util.Optional.of(true) : java.util.Optional.empty());
        assertThat(Instant.now()).isAfterOrEqualTo(closesAt);
        assertThat(Platform.count("QUIZ", "SELECT count(*) FROM event_store WHERE aggregate_id = ?::uuid AND event_type = 'game.question-closed' "
                + "AND event_data->>'reason' = 'TIME_UP'", gameId)).isEqualTo(1);
        assertThat(Platform.count("QUIZ", "SELECT count(*) FROM event_store WHERE aggregate_id = ?::uuid AND event_type = 'game.question-opened'",
                gameId)).isEqualTo(1);
        // Each recorded once, and promptly: within 3 s of its due time on this quiet stack, which allows for a stall
        // of the CI machine's two cores and so for the clock's own retries (0.5 s, then 1 s later); the target under
        // load, 100 ms, is the benchmarks' to measure.
        assertThat(recordedPromptly(gameId, "game.question-previewed", "opensAt", "game.question-opened")).isEqualTo(1);
        assertThat(recordedPromptly(gameId, "game.question-opened", "closesAt", "game.question-closed")).isEqualTo(1);
    }

    /** How many {@code done} events of the game were recorded within 3 s after the time {@code due.field} set. */
    private static long recordedPromptly(String gameId, String due, String field, String done) {
        return Platform.count("QUIZ", "SELECT count(*) FROM event_store due JOIN event_store done ON done.aggregate_id = due.aggregate_id "
                + "WHERE due.aggregate_id = ?::uuid AND due.event_type = ? AND done.event_type = ? AND (done.event_data->>'at')::timestamptz "
                + "- (due.event_data->>?)::timestamptz BETWEEN interval '0' AND interval '3 seconds'", gameId, due, done, field);
    }

    @Test
    void onlyPublishedQuizzesAndOnlyTheHost() {
        String draft = QuizAuthoringIT.create(host, "Still a draft").get("id").asText();
        assertThat(send("POST", "/quiz/api/games", "{\"quizId\":\"" + draft + "\"}", host, null).status()).isEqualTo(409);
        assertThat(send("POST", "/quiz/api/games", "{\"quizId\":\"nope\"}", host, null).status()).isEqualTo(400);

        String gameId = newGame(false).get("id").asText();
        String stranger = Platform.registerAndLogin(Platform.uniqueEmail("stranger"), "Stranger");
        assertThat(send("GET", "/quiz/api/games/" + gameId, null, stranger, null).status()).isEqualTo(404);
        assertThat(send("POST", "/quiz/api/games/" + gameId + "/start", null, stranger, null).status()).isEqualTo(404);
        assertThat(Platform.get("/quiz/api/games/" + gameId).status()).isEqualTo(401);
    }

    @Test
    void badPinsAreExplained() {
        assertThat(join("12345", "Ada").status()).isEqualTo(400);
        Platform.Reply unknown = join("000001", "Ada");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("title").asText()).isEqualTo("Unknown PIN");
        assertThat(unknown.json().get("detail").asText()).contains("No game is running with PIN");
        assertThat(unknown.json().get("errors").findValuesAsText("field")).containsExactly("pin");
    }

    @Test
    void lateJoiningWhenTheHostAllowsIt() {
        JsonNode game = newGame(true);
        send("POST", "/quiz/api/games/" + game.get("id").asText() + "/start", null, host, null);
        assertThat(join(game.get("pin").asText(), "Latecomer").status()).isEqualTo(201);
    }

    @Test
    void manyPlayersJoiningAtOnceAllGetIn() throws Exception {
        JsonNode game = newGame(false);
        String pin = game.get("pin").asText();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Platform.Reply>> joins = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String nickname = "Player" + i;
                joins.add(() -> join(pin, nickname));
            }
            Set<String> ids = new HashSet<>();
            for (Future<Platform.Reply> f : pool.invokeAll(joins)) {
                assertThat(f.get().status()).as(f.get().body()).isEqualTo(201);
                ids.add(f.get().json().get("playerId").asText());
            }
            assertThat(ids).hasSize(30);
        } finally {
            pool.shutdownNow();
        }
        assertThat(send("GET", "/quiz/api/games/" + game.get("id").asText(), null, host, null).json().get("playerCount").asInt())
                .isEqualTo(30);
    }
}
