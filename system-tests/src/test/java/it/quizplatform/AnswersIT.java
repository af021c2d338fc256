package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;
import org.microshed.testing.kafka.KafkaConsumerClient;
import org.microshed.testing.kafka.KafkaProducerClient;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static it.quizplatform.QuizAuthoringIT.MULTIPLE;
import static it.quizplatform.QuizAuthoringIT.SINGLE;
import static it.quizplatform.QuizAuthoringIT.TYPE_ANSWER;
import static it.quizplatform.QuizAuthoringIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers over the socket, decided by answer-app: locked-in acknowledgements, the host's live count, early close
 * when everyone answered, results with the distribution, double and late answers refused, and answer-app's own
 * rules for answers that reach it directly (duplicates by the database constraint, late, kicked, redelivered).
 */
@MicroShedTest
public class AnswersIT {

    @KafkaConsumerClient(groupId = "it-answers", topics = "answer-events",
            keyDeserializer = StringDeserializer.class, valueDeserializer = StringDeserializer.class,
            properties = "auto.offset.reset=earliest")
    public static KafkaConsumer<String, String> answerEvents;

    @KafkaProducerClient(keySerializer = StringSerializer.class, valueSerializer = StringSerializer.class,
            properties = {"acks=all", "enable.idempotence=true"})
    public static KafkaProducer<String, String> producer;

    private static String host;
    private static String quizId;
    /** answer-events records read so far, by game id (one consumer, shared by the tests). */
    private static EventLog decisions;

    @BeforeAll
    static void publishedQuiz() {
        decisions = new EventLog(answerEvents);
        host = Platform.registerAndLogin(Platform.uniqueEmail("answers"), "Answer Host");
        quizId = QuizAuthoringIT.published(host, "Answer Quiz", SINGLE, MULTIPLE, TYPE_ANSWER);
    }

    private static JsonNode newGame() {
        return send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null).json();
    }

    private static JsonNode join(JsonNode game, String nickname) {
        return GameLobbyIT.join(game.get("pin").asText(), nickname).json();
    }

    static String answer(int questionIndex, String optionId) {
        return "{\"type\":\"answer\",\"questionIndex\":" + questionIndex + ",\"optionIds\":[\"" + optionId + "\"]}";
    }

    static String optionId(JsonNode open, String text) {
        for (JsonNode option : open.get("question").get("options")) {
            if (option.get("text").asText().equals(text)) {
                return option.get("id").asText();
            }
        }
        throw new AssertionError("no option " + text + " in " + open);
    }

    @Test
    void playersAnswerTheHostSeesTheCountAndTheQuestionClosesOnceEveryoneAnswered() throws Exception {
        JsonNode game = newGame();
        String gameId = game.get("id").asText();
        JsonNode ada = join(game, "Ada");
        JsonNode bob = join(game, "Bob");
        JsonNode cy = join(game, "Cy");

        try (SocketClient hostSocket = SocketClient.host(gameId, host);
             SocketClient adaSocket = SocketClient.player(gameId, ada.get("playerToken").asText());
             SocketClient bobSocket = SocketClient.player(gameId, bob.get("playerToken").asText());
             SocketClient cySocket = SocketClient.player(gameId, cy.get("playerToken").asText())) {
            hostSocket.awaitType("welcome");
            adaSocket.awaitType("welcome");
            bobSocket.awaitType("welcome");
            cySocket.awaitType("welcome");

            hostSocket.send("{\"type\":\"start\"}");
            JsonNode open = adaSocket.awaitPhase("open");
            String paris = optionId(open, "Paris");
            String lyon = optionId(open, "Lyon");

            // Malformed answers: a reason, nothing recorded, the connection kept.
            adaSocket.send("{\"type\":\"answer\"}");
            assertThat(adaSocket.awaitType("answer-refused").get("reason").asText()).isEqualTo("invalid-answer");
            adaSocket.send("{\"type\":\"answer\",\"questionIndex\":0,\"optionIds\":\"" + paris + "\"}");
            assertThat(adaSocket.awaitType("answer-refused").get("message").asText()).contains("optionIds");
            adaSocket.send("{\"type\":\"answer\",\"questionIndex\":0,\"optionIds\":[\"no-such-option\"]}");
            assertThat(adaSocket.awaitType("answer-refused").get("reason").asText()).isEqualTo("invalid-answer");
            hostSocket.send(answer(0, paris));
            assertThat(hostSocket.awaitType("error").get("code").asText()).isEqualTo("players-only");

            adaSocket.send(answer(0, paris));
            JsonNode locked = adaSocket.awaitType("answer-received");
            assertThat(locked.get("message").asText()).isEqualTo("Answer received.");
            assertThat(locked.get("responseMs").asLong()).isBetween(0L, 20_000L);
            assertThat(locked.toString()).doesNotContain("correct");
            // answer-app's decision follows, to this player only: now it counts.
            JsonNode accepted = adaSocket.awaitType("answer-accepted");
            assertThat(accepted.get("answerId").asText()).isEqualTo(locked.get("answerId").asText());
            assertThat(accepted.get("message").asText()).isEqualTo("Answer locked in.");
            assertThat(accepted.toString()).doesNotContain("correct");

            bobSocket.awaitPhase("open");
            bobSocket.send(answer(0, lyon));
            bobSocket.awaitType("answer-received");
            bobSocket.send(answer(0, paris));
            JsonNode twice = bobSocket.awaitType("answer-refused");
            assertThat(twice.get("reason").asText()).isEqualTo("already-answered");

            JsonNode count = hostSocket.await("a count of 2", Duration.ofSeconds(10),
                    m -> "answer-count".equals(m.path("type").asText()) && m.path("answered").asInt() == 2);
            assertThat(count.get("playerCount").asInt()).isEqualTo(3);

            // A player who reloads now is told they answered, and what, but not whether it was right.
            try (SocketClient adaAgain = SocketClient.player(gameId, ada.get("playerToken").asText())) {
                JsonNode welcome = adaAgain.awaitType("welcome");
                assertThat(welcome.get("answered").asBoolean()).isTrue();
                assertThat(welcome.get("yourAnswer").get("optionIds").get(0).asText()).isEqualTo(paris);
                assertThat(welcome.toString()).doesNotContain("correct");
            }

            cySocket.awaitPhase("open");
            cySocket.send(answer(0, paris));
            cySocket.awaitType("answer-received");
            JsonNode closed = adaSocket.awaitPhase("closed");
            assertThat(closed.get("closeReason").asText()).isEqualTo("all-answered");

            JsonNode results = adaSocket.awaitType("results");
            assertThat(results.get("answered").asInt()).isEqualTo(3);
            assertThat(results.get("correctCount").asInt()).isEqualTo(2);
            assertThat(countOf(results, paris)).isEqualTo(2);
            assertThat(countOf(results, lyon)).isEqualTo(1);
            assertThat(results.get("correct").get("optionIds").get(0).asText()).isEqualTo(paris);
            assertThat(results.get("yourAnswer").get("correct").asBoolean()).isTrue();
            assertThat(bobSocket.awaitType("results").get("yourAnswer").get("correct").asBoolean()).isFalse();
            assertThat(hostSocket.awaitType("results").get("distribution")).hasSize(2);

            // The answer leak check: nothing a player received before the close says which option is right.
            for (SocketClient player : new SocketClient[]{adaSocket, bobSocket, cySocket}) {
                for (String message : player.received) {
                    if (message.contains("\"phase\":\"closed\"")) {
                        break;
                    }
                    assertThat(message).doesNotContain("correct");
                }
            }

            adaSocket.send(answer(0, paris));
            assertThat(adaSocket.awaitType("answer-refused").get("reason").asText()).isEqualTo("question-closed");

            // Question 2, multiple choice: one right set, one partial; the host skips.
            hostSocket.send("{\"type\":\"next\"}");
            JsonNode multi = adaSocket.await("question 1 open", Duration.ofSeconds(20),
                    m -> "open".equals(m.path("phase").asText()) && m.path("questionIndex").asInt() == 1);
            String two = optionId(multi, "2");
            String three = optionId(multi, "3");
            adaSocket.send("{\"type\":\"answer\",\"questionIndex\":1,\"optionIds\":[\"" + two + "\",\"" + three + "\"]}");
            adaSocket.awaitType("answer-received");
            bobSocket.send("{\"type\":\"answer\",\"questionIndex\":1,\"optionIds\":[\"" + two + "\"]}");
            bobSocket.awaitType("answer-received");
            bobSocket.send("{\"type\":\"answer\",\"questionIndex\":1,\"text\":\"two\"}");
            assertThat(bobSocket.awaitType("answer-refused").get("reason").asText()).isIn("invalid-answer", "already-answered");
            hostSocket.await("a count of 2 on question 1", Duration.ofSeconds(10),
                    m -> "answer-count".equals(m.path("type").asText()) && m.path("questionIndex").asInt() == 1 && m.path("answered").asInt() == 2);
            hostSocket.send("{\"type\":\"skip\"}");
            JsonNode multiResults = adaSocket.await("results of question 1", Duration.ofSeconds(15),
                    m -> "results".equals(m.path("type").asText()) && m.path("questionIndex").asInt() == 1);
            assertThat(multiResults.get("correctCount").asInt()).isEqualTo(1);
            assertThat(countOf(multiResults, two)).isEqualTo(2);
            assertThat(multiResults.get("yourAnswer").get("correct").asBoolean()).isTrue();

            // Question 3, typed: matching ignores case and spacing.
            hostSocket.send("{\"type\":\"next\"}");
            adaSocket.await("question 2 open", Duration.ofSeconds(20),
                    m -> "open".equals(m.path("phase").asText()) && m.path("questionIndex").asInt() == 2);
            adaSocket.send("{\"type\":\"answer\",\"questionIndex\":2,\"text\":\"  pacific OCEAN \"}");
            adaSocket.awaitType("answer-received");
            cySocket.send("{\"type\":\"answer\",\"questionIndex\":2,\"text\":\"Atlantic\"}");
            cySocket.awaitType("answer-received");
            hostSocket.send("{\"type\":\"skip\"}");
            JsonNode typed = cySocket.await("results of question 2", Duration.ofSeconds(15),
                    m -> "results".equals(m.path("type").asText()) && m.path("questionIndex").asInt() == 2);
            assertThat(typed.get("correctCount").asInt()).isEqualTo(1);
            assertThat(typed.get("yourAnswer").get("correct").asBoolean()).isFalse();
            assertThat(typed.get("textAnswers").findValuesAsText("text")).contains("Atlantic", "pacific OCEAN");

            hostSocket.send("{\"type\":\"next\"}");
            adaSocket.awaitPhase("ended");
        }

        // Stored in answer_db, announced on answer-events (schema-valid), each once.
        assertThat(Platform.count("ANSWER", "SELECT count(*) FROM answers WHERE game_id = ?", UUID.fromString(gameId))).isEqualTo(7);
        List<JsonNode> events = awaitDecisions(gameId, 10);
        assertThat(events.stream().filter(e -> "answer.submitted".equals(e.get("type").asText()))).hasSize(7);
        assertThat(events.stream().filter(e -> "answer.question-tallied".equals(e.get("type").asText()))).hasSize(3);
        JsonNode adaFirst = events.stream().filter(e -> "answer.submitted".equals(e.get("type").asText())
                && e.get("payload").get("playerId").asText().equals(ada.get("playerId").asText())
                && e.get("payload").get("questionIndex").asInt() == 0).findFirst().orElseThrow();
        assertThat(adaFirst.get("payload").get("correct").asBoolean()).isTrue();
        assertThat(adaFirst.get("payload").get("points").asInt()).isEqualTo(1000);
        assertThat(adaFirst.get("payload").get("timeLimitSeconds").asInt()).isEqualTo(20);
    }

    @Test
    void answerAppDecidesByItsOwnRulesWhateverReachesIt() throws Exception {
        JsonNode game = newGame();
        String gameId = game.get("id").asText();
        JsonNode ada = join(game, "Ada");
        JsonNode bob = join(game, "Bob");
        String adaId = ada.get("playerId").asText();
        String bobId = bob.get("playerId").asText();
        String paris;
        Instant closesAt;
        try (SocketClient hostSocket = SocketClient.host(gameId, host)) {
            hostSocket.awaitType("welcome");
            hostSocket.send("{\"type\":\"kick\",\"playerId\":\"" + bobId + "\"}");
            hostSocket.await("Bob gone", Duration.ofSeconds(10), m -> m.path("playerCount").asInt(-1) == 1);
            hostSocket.send("{\"type\":\"start\"}");
            JsonNode open = hostSocket.awaitPhase("open");
            paris = optionId(open, "Paris");
            closesAt = Instant.parse(open.get("closesAt").asText());
            openInAnswerApp(gameId, 0);

            String first = received(gameId, adaId, 0, paris, Instant.now());
            String again = received(gameId, adaId, 0, paris, Instant.now());
            String late = received(gameId, adaId, 0, paris, closesAt.plusSeconds(1));
            String kicked = received(gameId, bobId, 0, paris, Instant.now());
            String stranger = received(gameId, UUID.randomUUID().toString(), 0, paris, Instant.now());
            String notOpen = received(gameId, adaId, 1, paris, Instant.now());
            // A redelivery of the first (same event id) must change nothing.
            producer.send(new ProducerRecord<>("quiz-events", gameId, sentEvents.get(first))).get();

            List<JsonNode> events = awaitDecisions(gameId, 6);
            assertThat(decision(events, first).get("type").asText()).isEqualTo("answer.submitted");
            assertThat(reason(events, again)).isEqualTo("already-answered");
            assertThat(reason(events, kicked)).isEqualTo("kicked");
            assertThat(reason(events, stranger)).isEqualTo("not-a-player");
            assertThat(reason(events, notOpen)).isEqualTo("question-not-open");
            // The late one is refused either as too late or, once the clock closed the question, as closed.
            assertThat(reason(events, late)).isIn("too-late", "question-closed");
            Platform.sleep(1000);
            assertThat(decisions.await(gameId, 0, e -> true).stream().filter(e -> e.get("payload").path("answerId").asText().equals(first)))
                    .as("the redelivered answer was decided once").hasSize(1);
        }
        assertThat(Platform.count("ANSWER", "SELECT count(*) FROM answers WHERE game_id = ?", UUID.fromString(gameId))).isEqualTo(1);
        assertThat(Platform.count("ANSWER", "SELECT count(*) FROM refused_answers WHERE game_id = ?", UUID.fromString(gameId))).isEqualTo(5);
    }

    /**
     * A burst of answers is decided in one batch (its outbox rows written in one statement): every decision is on
     * answer-events once, and the game's answer events leave the outbox and reach the topic in the order of their
     * versions.
     */
    @Test
    void aBurstOfAnswersIsDecidedOnceEachAndLeavesInVersionOrder() throws Exception {
        JsonNode game = newGame();
        String gameId = game.get("id").asText();
        List<String> playerIds = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            playerIds.add(join(game, "Burst" + i).get("playerId").asText());
        }
        try (SocketClient hostSocket = SocketClient.host(gameId, host)) {
            hostSocket.awaitType("welcome");
            hostSocket.send("{\"type\":\"start\"}");
            String paris = optionId(hostSocket.awaitPhase("open"), "Paris");
            openInAnswerApp(gameId, 0);
            List<String> burst = new java.util.ArrayList<>();
            for (String playerId : playerIds) {
                burst.add(receivedEvent(UUID.randomUUID().toString(), gameId, playerId, 0, paris, Instant.now()));
            }
            ForgedEvents.publishAll(producer, "quiz-events", gameId, burst);

            List<JsonNode> submitted = decisions.await(gameId, playerIds.size(), EventLog.ofType("answer.submitted"));
            assertThat(submitted).hasSize(playerIds.size());
            assertThat(submitted.stream().map(e -> e.get("payload").get("playerId").asText()).distinct())
                    .containsExactlyInAnyOrderElementsOf(playerIds);
            List<Long> onTopic = decisions.await(gameId, playerIds.size(), e -> true).stream()
                    .map(e -> e.get("version").asLong()).toList();
            assertThat(onTopic).as("versions in the order answer-events has them").isSorted().doesNotHaveDuplicates();
        }
        List<Long> inOutbox = new java.util.ArrayList<>();
        try (var c = Platform.database("ANSWER");
             var statement = c.prepareStatement("SELECT envelope FROM outbox WHERE message_key = ? ORDER BY id")) {
            statement.setString(1, gameId);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    inOutbox.add(Platform.JSON.readTree(rows.getString(1)).get("version").asLong());
                }
            }
        }
        assertThat(inOutbox).as("versions in the outbox's id order").hasSizeGreaterThanOrEqualTo(playerIds.size())
                .isSorted().doesNotHaveDuplicates();
    }

    /**
     * answer-app reads a batch's players once, before the batch, and keeps that view right as the batch's own joins
     * and kicks change it: in one burst, a player who joins then answers counts, their second answer does not, a
     * player removed after answering is refused as removed, and a stranger is no player until their join comes. An
     * answer whose player id is not one, alone in its batch, is refused like any other stranger's.
     */
    @Test
    void aBurstOfJoinsKicksAndAnswersIsDecidedInItsOrder() throws Exception {
        JsonNode game = newGame();
        String gameId = game.get("id").asText();
        String adaId = join(game, "Ada").get("playerId").asText();
        String newcomerId = UUID.randomUUID().toString();
        String strangerId = UUID.randomUUID().toString();
        try (SocketClient hostSocket = SocketClient.host(gameId, host)) {
            hostSocket.awaitType("welcome");
            hostSocket.send("{\"type\":\"start\"}");
            String paris = optionId(hostSocket.awaitPhase("open"), "Paris");
            openInAnswerApp(gameId, 0);

            String newcomerFirst = UUID.randomUUID().toString();
            String newcomerAgain = UUID.randomUUID().toString();
            String adaFirst = UUID.randomUUID().toString();
            String adaAfterKick = UUID.randomUUID().toString();
            String strangerBefore = UUID.randomUUID().toString();
            String strangerAfter = UUID.randomUUID().toString();
            Instant now = Instant.now();
            // Alone, unchecked against the schema: an answer whose player id is not one (the game's only answer in its
            // batch) is refused, not failed.
            String stray = UUID.randomUUID().toString();
            ForgedEvents.publishUnchecked(producer, "quiz-events", gameId,
                    receivedEvent(stray, gameId, "not-a-player-id", 0, paris, now));
            assertThat(reason(awaitDecisions(gameId, 1), stray)).isEqualTo("not-a-player");
            ForgedEvents.publishAll(producer, "quiz-events", gameId, List.of(
                    playerEvent("game.player-joined", gameId, newcomerId, "Newcomer"),
                    receivedEvent(newcomerFirst, gameId, newcomerId, 0, paris, now),
                    receivedEvent(newcomerAgain, gameId, newcomerId, 0, paris, now),
                    receivedEvent(adaFirst, gameId, adaId, 0, paris, now),
                    playerEvent("game.player-kicked", gameId, adaId, null),
                    receivedEvent(adaAfterKick, gameId, adaId, 0, paris, now),
                    receivedEvent(strangerBefore, gameId, strangerId, 0, paris, now),
                    playerEvent("game.player-joined", gameId, strangerId, "Late"),
                    receivedEvent(strangerAfter, gameId, strangerId, 0, paris, now)));

            List<JsonNode> events = awaitDecisions(gameId, 7);
            assertThat(decision(events, newcomerFirst).get("type").asText()).isEqualTo("answer.submitted");
            assertThat(reason(events, newcomerAgain)).isEqualTo("already-answered");
            assertThat(decision(events, adaFirst).get("type").asText()).isEqualTo("answer.submitted");
            assertThat(reason(events, adaAfterKick)).isEqualTo("kicked");
            assertThat(reason(events, strangerBefore)).isEqualTo("not-a-player");
            assertThat(decision(events, strangerAfter).get("type").asText()).isEqualTo("answer.submitted");
        }
        assertThat(Platform.count("ANSWER", "SELECT count(*) FROM answers WHERE game_id = ?", UUID.fromString(gameId))).isEqualTo(3);
        assertThat(Platform.count("ANSWER", "SELECT count(*) FROM game_players WHERE game_id = ? AND kicked",
                UUID.fromString(gameId))).isEqualTo(1);
    }

    /**
     * Closes of several games in one burst: each game's tally counts exactly its question's accepted answers, and
     * comes on answer-events after the game's last decision before the close and before its first one after it (an
     * answer that arrived after the close, refused), whether answer-app publishes the tallies together at the end of
     * its batch or one by one. The two games share a partition, so the burst can be one batch.
     */
    @Test
    void closesOfSeveralGamesInOneBurstAreEachTalliedInTheirGamesOrder() throws Exception {
        String gameA = UUID.randomUUID().toString();
        String gameB = ForgedEvents.samePartition(producer, "quiz-events", gameA);
        String ada = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        String cy = UUID.randomUUID().toString();
        forgedGameWithQuestionOpen(gameA, ada, bob);
        forgedGameWithQuestionOpen(gameB, cy);
        Instant now = Instant.now();
        String adaRight = UUID.randomUUID().toString();
        String bobWrong = UUID.randomUUID().toString();
        String cyRight = UUID.randomUUID().toString();
        String bobAgainAfterClose = UUID.randomUUID().toString();
        ForgedEvents.publishAll(producer, "quiz-events", List.of(
                new ForgedEvents.Keyed(gameA, forgedAnswer(adaRight, gameA, ada, "a", now)),
                new ForgedEvents.Keyed(gameB, forgedAnswer(cyRight, gameB, cy, "a", now)),
                new ForgedEvents.Keyed(gameA, forgedAnswer(bobWrong, gameA, bob, "b", now)),
                new ForgedEvents.Keyed(gameA, closed(gameA)),
                new ForgedEvents.Keyed(gameB, closed(gameB)),
                new ForgedEvents.Keyed(gameA, forgedAnswer(bobAgainAfterClose, gameA, bob, "a", Instant.now()))));

        List<JsonNode> eventsA = decisions.await(gameA, 4, e -> true);
        assertThat(eventsA.stream().map(e -> e.get("type").asText() + " " + e.get("payload").path("answerId").asText("")))
                .as("game A's events in topic order").containsExactly("answer.submitted " + adaRight,
                        "answer.submitted " + bobWrong, "answer.question-tallied ", "answer.rejected " + bobAgainAfterClose);
        assertThat(eventsA.stream().map(e -> e.get("version").asLong()).toList()).containsExactly(1L, 2L, 3L, 4L);
        JsonNode tallyA = eventsA.get(2).get("payload");
        assertThat(tallyA.get("answered").asInt()).isEqualTo(2);
        assertThat(tallyA.get("correct").asInt()).isEqualTo(1);
        assertThat(counts(tallyA)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1, "b", 1));
        assertThat(eventsA.get(3).get("payload").get("reason").asText()).isEqualTo("question-closed");

        List<JsonNode> eventsB = decisions.await(gameB, 2, e -> true);
        assertThat(eventsB.stream().map(e -> e.get("type").asText()).toList())
                .containsExactly("answer.submitted", "answer.question-tallied");
        JsonNode tallyB = eventsB.get(1).get("payload");
        assertThat(tallyB.get("answered").asInt()).isEqualTo(1);
        assertThat(tallyB.get("correct").asInt()).isEqualTo(1);
        assertThat(counts(tallyB)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1, "b", 0));
    }

    /**
     * A question whose opening answer-app never applied (parked in its dead-letter topic, say) is still tallied at its
     * close, with nothing accepted: scoring-app's completion of the game waits for every question's tally. The
     * opening handed over afterwards (an operator's replay) does not open the closed question again.
     */
    @Test
    void aCloseWhoseOpeningWasNeverAppliedIsStillTallied() throws Exception {
        String gameId = UUID.randomUUID().toString();
        String ada = UUID.randomUUID().toString();
        List<String> game = ForgedEvents.gameWithQuestionOpen(gameId, UUID.randomUUID().toString(), ada);
        String opening = game.get(game.size() - 1);
        ForgedEvents.publishAll(producer, "quiz-events", gameId, game.subList(0, game.size() - 1));
        ForgedEvents.publish(producer, "quiz-events", gameId, closed(gameId));

        JsonNode tally = decisions.await(gameId, 1, e -> true).get(0);
        assertThat(tally.get("type").asText()).isEqualTo("answer.question-tallied");
        assertThat(tally.get("payload").get("questionIndex").asInt()).isZero();
        assertThat(tally.get("payload").get("answered").asInt()).isZero();

        ForgedEvents.publish(producer, "quiz-events", gameId, opening);
        String late = UUID.randomUUID().toString();
        ForgedEvents.publish(producer, "quiz-events", gameId, forgedAnswer(late, gameId, ada, "a", Instant.now()));
        List<JsonNode> events = decisions.await(gameId, 2, e -> true);
        assertThat(events.stream().map(e -> e.get("type").asText() + " " + e.get("payload").path("answerId").asText("")))
                .as("one tally, then the answer refused: the question stays closed")
                .containsExactly("answer.question-tallied ", "answer.rejected " + late);
        assertThat(events.get(1).get("payload").get("reason").asText()).isEqualTo("question-closed");
    }

    /**
     * A question whose close answer-app never applied (parked): the next opening ends it, so its accepted answers
     * are tallied then; the close replayed afterwards, even after the end, tallies nothing twice. Whatever moves a
     * game past a question tallies it once: scoring-app's completion waits for every opened question's tally.
     */
    @Test
    void aQuestionWhoseCloseWasParkedIsTalliedAtTheNextOpeningAndOnlyOnce() throws Exception {
        String gameId = UUID.randomUUID().toString();
        String ada = UUID.randomUUID().toString();
        forgedGameWithQuestionOpen(gameId, ada);
        String first = UUID.randomUUID().toString();
        ForgedEvents.publish(producer, "quiz-events", gameId, forgedAnswer(first, gameId, ada, "a", Instant.now()));
        Instant now = Instant.now();
        ForgedEvents.publish(producer, "quiz-events", gameId, ForgedEvents.envelope("game.question-opened", "game", gameId,
                11, "{\"questionIndex\":1,\"at\":\"" + now + "\",\"closesAt\":\"" + now.plusSeconds(20) + "\"}"));
        String second = UUID.randomUUID().toString();
        ForgedEvents.publish(producer, "quiz-events", gameId, receivedEvent(second, gameId, ada, 1, "a", Instant.now()));
        ForgedEvents.publish(producer, "quiz-events", gameId, closed(gameId)); // question 0's close, replayed
        ForgedEvents.publish(producer, "quiz-events", gameId, ScoringIT.ended(gameId, 12));
        ForgedEvents.publish(producer, "quiz-events", gameId, closed(gameId)); // and once more after the end

        List<JsonNode> events = decisions.await(gameId, 4, e -> true);
        assertThat(events.stream().map(e -> e.get("type").asText() + " " + e.get("payload").path("questionIndex").asInt()))
                .as("question 0 tallied at question 1's opening, question 1 at the end, each once")
                .containsExactly("answer.submitted 0", "answer.question-tallied 0", "answer.submitted 1",
                        "answer.question-tallied 1");
        assertThat(events.get(1).get("payload").get("answered").asInt()).isEqualTo(1);
        // A last event to wait for: a fresh game's close on the same partition comes after everything above.
        String after = ForgedEvents.samePartition(producer, "quiz-events", gameId);
        forgedGameWithQuestionOpen(after, ada);
        ForgedEvents.publish(producer, "quiz-events", after, closed(after));
        decisions.await(after, 1, EventLog.ofType("answer.question-tallied"));
        assertThat(decisions.await(gameId, 4, e -> true)).as("nothing more for the first game").hasSize(4);
    }

    /** A forged game on quiz-events with its first question open, once answer-app has read the opening. */
    private static void forgedGameWithQuestionOpen(String gameId, String... playerIds) throws Exception {
        ForgedEvents.publishAll(producer, "quiz-events", gameId,
                ForgedEvents.gameWithQuestionOpen(gameId, UUID.randomUUID().toString(), playerIds));
        openInAnswerApp(gameId, 0);
    }

    private static String forgedAnswer(String answerId, String gameId, String playerId, String optionId, Instant at) {
        return receivedEvent(answerId, gameId, playerId, 0, optionId, at);
    }

    private static String closed(String gameId) {
        return ForgedEvents.envelope("game.question-closed", "game", gameId, 9, "{\"questionIndex\":0,\"reason\":\"TIME_UP\","
                + "\"at\":\"" + Instant.now() + "\"}");
    }

    /** A tally's distribution as option id → count. */
    private static Map<String, Integer> counts(JsonNode tally) {
        Map<String, Integer> counts = new HashMap<>();
        tally.get("distribution").forEach(o -> counts.put(o.get("optionId").asText(), o.get("count").asInt()));
        return counts;
    }

    /** A join (with a nickname) or a kick (without) as quiz-app records it on quiz-events. */
    private static String playerEvent(String type, String gameId, String playerId, String nickname) {
        return ForgedEvents.envelope(type, "game", gameId, 1, "{\"playerId\":\"" + playerId + "\""
                + (nickname == null ? "" : ",\"nickname\":\"" + nickname + "\"") + ",\"at\":\"" + Instant.now() + "\"}");
    }

    private static final Map<String, String> sentEvents = new HashMap<>();

    /** Puts a game.answer-received on quiz-events as a quiz-app instance would, and returns the answer id. */
    private static String received(String gameId, String playerId, int questionIndex, String optionId, Instant at) throws Exception {
        String answerId = UUID.randomUUID().toString();
        sentEvents.put(answerId, forward(producer, answerId, gameId, playerId, questionIndex, optionId, at));
        return answerId;
    }

    /** Sends the event of an answer received by a quiz-app instance (schema-checked first); returns its text. */
    /**
     * Waits until answer-app has read the question's opening. A screen can show a question open before its opening
     * is on Kafka (the instance that opened it pushes at once); quiz-app itself then sends answers through its
     * outbox, after the opening, but a test that forges answers straight onto the topic must wait for it.
     */
    static void openInAnswerApp(String gameId, int questionIndex) {
        Platform.await("answer-app to see question " + questionIndex + " open", Duration.ofSeconds(20), () -> Platform.count("ANSWER",
                "SELECT count(*) FROM games WHERE game_id = ?::uuid AND open_question = ?", gameId, questionIndex) == 1
                ? java.util.Optional.of(true) : java.util.Optional.empty());
    }

    static String forward(KafkaProducer<String, String> producer, String answerId, String gameId, String playerId,
                          int questionIndex, String optionId, Instant at) throws Exception {
        return ForgedEvents.publish(producer, "quiz-events", gameId, receivedEvent(answerId, gameId, playerId, questionIndex,
                optionId, at));
    }

    /** The game.answer-received event a quiz-app instance would send for this answer. */
    static String receivedEvent(String answerId, String gameId, String playerId, int questionIndex, String optionId, Instant at) {
        return ForgedEvents.envelope(answerId, "game.answer-received", "answer", gameId, 1, at, "{\"answerId\":\"" + answerId
                + "\",\"gameId\":\"" + gameId + "\",\"playerId\":\"" + playerId + "\",\"questionIndex\":" + questionIndex
                + ",\"optionIds\":[\"" + optionId + "\"],\"receivedAt\":\"" + at + "\"}");
    }

    private static JsonNode decision(List<JsonNode> events, String answerId) {
        return events.stream().filter(e -> e.get("payload").path("answerId").asText().equals(answerId)).findFirst()
                .orElseThrow(() -> new AssertionError("no decision on " + answerId + " in " + events));
    }

    private static String reason(List<JsonNode> events, String answerId) {
        JsonNode d = decision(events, answerId);
        assertThat(d.get("type").asText()).isEqualTo("answer.rejected");
        assertThat(d.get("payload").get("message").asText()).isNotBlank();
        return d.get("payload").get("reason").asText();
    }

    /** answer-events until the game has at least {@code atLeast} records (each checked against its schema). */
    static List<JsonNode> awaitDecisions(String gameId, int atLeast) {
        return decisions.await(gameId, atLeast, e -> true);
    }

    private static int countOf(JsonNode results, String optionId) {
        for (JsonNode c : results.get("distribution")) {
            if (c.get("optionId").asText().equals(optionId)) {
                return c.get("count").asInt();
            }
        }
        return 0;
    }
}
