package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import io.quizplatform.contracts.ContractValidator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static it.quizplatform.QuizAuthoringIT.MULTIPLE;
import static it.quizplatform.QuizAuthoringIT.POLL;
import static it.quizplatform.QuizAuthoringIT.SINGLE;
import static it.quizplatform.QuizAuthoringIT.TYPE_ANSWER;
import static it.quizplatform.QuizAuthoringIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scoring end to end: a game played over WebSocket whose every score, rank, leaderboard, podium, report and CSV line
 * matches a score computed here from answer-app's decisions; a duplicated answer scored once; Redis stopped mid-game;
 * the completion saga resuming after a restart, and compensating when a step keeps failing until an operator retries.
 */
@MicroShedTest
public class ScoringIT {

    @KafkaConsumerClient(groupId = "it-scoring-answers", topics = "answer-events",
            keyDeserializer = StringDeserializer.class, valueDeserializer = StringDeserializer.class,
            properties = "auto.offset.reset=earliest")
    public static KafkaConsumer<String, String> answerEvents;

    @KafkaProducerClient(keySerializer = StringSerializer.class, valueSerializer = StringSerializer.class,
            properties = {"acks=all", "enable.idempotence=true"})
    public static KafkaProducer<String, String> producer;

    private static String host;
    private static String otherHost;
    private static String admin;
    private static String quizId;
    private static EventLog answers;

    @BeforeAll
    static void publishedQuiz() {
        host = Platform.registerAndLogin(Platform.uniqueEmail("scoring"), "Scoring Host");
        otherHost = Platform.registerAndLogin(Platform.uniqueEmail("scoring-other"), "Other Host");
        admin = Platform.adminToken();
        answers = new EventLog(answerEvents);
        quizId = QuizAuthoringIT.published(host, "Scoring Quiz", SINGLE, MULTIPLE, POLL, TYPE_ANSWER);
    }

    // --- a full game over the socket -----------------------------------------------------------------------------

    @Test
    void everyPlayerSeesTheirPointsAndRankAfterEachQuestionAndTheReportIsRightToThePoint() throws Exception {
        JsonNode game = send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null).json();
        String gameId = game.get("id").asText();
        Map<String, JsonNode> joined = new LinkedHashMap<>();
        for (String nickname : List.of("Ada", "Bob", "Cy")) {
            joined.put(nickname, GameLobbyIT.join(game.get("pin").asText(), nickname).json());
        }
        Map<String, String> nicknameOf = new HashMap<>();
        joined.forEach((nickname, j) -> nicknameOf.put(j.get("playerId").asText(), nickname));

        // Before the end there is no report; other hosts never see one; bad ids are refused.
        Platform.await("scoring to know the game", Duration.ofSeconds(20),
                () -> Platform.count("SCORING", "SELECT count(*) FROM games WHERE game_id = ?::uuid", gameId) == 1
                        ? Optional.of(true) : Optional.empty());
        assertThat(Platform.get("/scoring/api/games/" + gameId + "/report", host).status()).isEqualTo(409);
        assertThat(Platform.get("/scoring/api/games/" + gameId + "/report", otherHost).status()).isEqualTo(403);
        assertThat(Platform.get("/scoring/api/games/" + UUID.randomUUID() + "/report", host).status()).isEqualTo(404);
        Platform.Reply bad = Platform.get("/scoring/api/games/not-a-game/leaderboard", host);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(Platform.get("/scoring/api/games/" + gameId + "/leaderboard?limit=1000", host).status()).isEqualTo(400);
        assertThat(Platform.get("/scoring/api/games/" + gameId + "/report").status()).isEqualTo(401);

        Expected expected;
        try (SocketClient hostSocket = SocketClient.host(gameId, host);
             SocketClient ada = SocketClient.player(gameId, joined.get("Ada").get("playerToken").asText());
             SocketClient bob = SocketClient.player(gameId, joined.get("Bob").get("playerToken").asText());
             SocketClient cy = SocketClient.player(gameId, joined.get("Cy").get("playerToken").asText())) {
            for (SocketClient s : List.of(hostSocket, ada, bob, cy)) {
                s.awaitType("welcome");
            }
            hostSocket.send("{\"type\":\"start\"}");

            // Q0 single choice: Ada and Bob right, Cy wrong; everyone answered, so it closes at once.
            JsonNode open = ada.awaitPhase("open");
            bob.awaitPhase("open");
            cy.awaitPhase("open");
            ada.send(AnswersIT.answer(0, AnswersIT.optionId(open, "Paris")));
            bob.send(AnswersIT.answer(0, AnswersIT.optionId(open, "Paris")));
            cy.send(AnswersIT.answer(0, AnswersIT.optionId(open, "Lyon")));
            awaitScores(0, hostSocket, ada, bob, cy);

            // Q1 multiple choice (2 and 3 right): Ada fully right, Bob half (one of two), Cy one right one wrong = 0.
            hostSocket.send("{\"type\":\"next\"}");
            open = ada.awaitPhase("open");
            bob.awaitPhase("open");
            cy.awaitPhase("open");
            ada.send(options(1, AnswersIT.optionId(open, "2"), AnswersIT.optionId(open, "3")));
            bob.send(options(1, AnswersIT.optionId(open, "2")));
            cy.send(options(1, AnswersIT.optionId(open, "2"), AnswersIT.optionId(open, "4")));
            awaitScores(1, hostSocket, ada, bob, cy);

            // Q2 poll: scores nothing and leaves streaks alone; Cy does not answer.
            hostSocket.send("{\"type\":\"next\"}");
            open = ada.awaitPhase("open");
            bob.awaitPhase("open");
            ada.send(AnswersIT.answer(2, AnswersIT.optionId(open, "Tea")));
            bob.send(AnswersIT.answer(2, AnswersIT.optionId(open, "Coffee")));
            ada.awaitType("answer-received");
            bob.awaitType("answer-received");
            hostSocket.send("{\"type\":\"skip\"}");
            awaitScores(2, hostSocket, ada, bob, cy);

            // Q3 type the answer: Ada right (a third correct answer in a row), Bob wrong, Cy silent.
            hostSocket.send("{\"type\":\"next\"}");
            ada.awaitPhase("open");
            bob.awaitPhase("open");
            ada.send("{\"type\":\"answer\",\"questionIndex\":3,\"text\":\" pacific \"}");
            bob.send("{\"type\":\"answer\",\"questionIndex\":3,\"text\":\"Atlantic\"}");
            ada.awaitType("answer-received");
            bob.awaitType("answer-received");
            hostSocket.send("{\"type\":\"skip\"}");
            awaitScores(3, hostSocket, ada, bob, cy);

            hostSocket.send("{\"type\":\"next\"}");
            ada.awaitPhase("ended");

            // The score computed here, from answer-app's decisions alone.
            expected = Expected.of(awaitAnswers(gameId, 10), new int[]{1000, 2000, 0, 1000}, new int[]{20, 30, 15, 30},
                    nicknameOf.keySet());

            Map<String, SocketClient> sockets = Map.of("Ada", ada, "Bob", bob, "Cy", cy);
            for (var entry : sockets.entrySet()) {
                String playerId = joined.get(entry.getKey()).get("playerId").asText();
                List<JsonNode> scores = messages(entry.getValue(), "score");
                assertThat(scores).as(entry.getKey()).extracting(m -> m.get("questionIndex").asInt()).containsOnly(0, 1, 2, 3)
                        .contains(0, 1, 2, 3);
                for (JsonNode score : scores) {
                    int q = score.get("questionIndex").asInt();
                    Expected.Line line = expected.after(q).get(playerId);
                    assertThat(score.get("points").asInt()).as(entry.getKey() + " q" + q + " points").isEqualTo(line.points());
                    assertThat(score.get("bonus").asInt()).as(entry.getKey() + " q" + q + " bonus").isEqualTo(line.bonus());
                    assertThat(score.get("total").asInt()).as(entry.getKey() + " q" + q + " total").isEqualTo(line.total());
                    assertThat(score.get("rank").asInt()).as(entry.getKey() + " q" + q + " rank").isEqualTo(line.rank());
                    assertThat(score.get("players").asInt()).isEqualTo(3);
                    if (line.rank() == 1) {
                        assertThat(score.has("ahead")).isFalse();
                    } else {
                        Expected.Line above = expected.at(q, line.rank() - 1);
                        assertThat(score.get("ahead").get("nickname").asText()).isEqualTo(nicknameOf.get(above.playerId()));
                        assertThat(score.get("ahead").get("total").asInt()).isEqualTo(above.total());
                    }
                }
                // Only their own line: no other player's id in any score line this phone got (the podium, later,
                // names the top three on purpose).
                for (String other : nicknameOf.keySet()) {
                    if (!other.equals(playerId)) {
                        assertThat(scores.toString()).doesNotContain(other);
                    }
                }
            }
            List<JsonNode> boards = messages(hostSocket, "leaderboard");
            assertThat(boards).extracting(b -> b.get("questionIndex").asInt()).containsExactly(0, 1, 2, 3);
            JsonNode lastBoard = boards.get(3);
            for (int rank = 1; rank <= 3; rank++) {
                JsonNode leader = lastBoard.get("leaders").get(rank - 1);
                Expected.Line line = expected.at(3, rank);
                assertThat(leader.get("rank").asInt()).isEqualTo(rank);
                assertThat(leader.get("playerId").asText()).isEqualTo(line.playerId());
                assertThat(leader.get("nickname").asText()).isEqualTo(nicknameOf.get(line.playerId()));
                assertThat(leader.get("total").asInt()).isEqualTo(line.total());
            }

            // The podium, to the host and to each player with their own final place.
            JsonNode podium = hostSocket.await("podium", Duration.ofSeconds(30), m -> "podium".equals(m.path("type").asText()));
            assertThat(podium.get("podium")).hasSize(3);
            for (int rank = 1; rank <= 3; rank++) {
                assertThat(podium.get("podium").get(rank - 1).get("playerId").asText()).isEqualTo(expected.at(3, rank).playerId());
                assertThat(podium.get("podium").get(rank - 1).get("total").asInt()).isEqualTo(expected.at(3, rank).total());
            }
            JsonNode adaPodium = ada.await("podium", Duration.ofSeconds(30), m -> "podium".equals(m.path("type").asText()));
            Expected.Line adaFinal = expected.after(3).get(joined.get("Ada").get("playerId").asText());
            assertThat(adaPodium.get("you").get("rank").asInt()).isEqualTo(adaFinal.rank());
            assertThat(adaPodium.get("you").get("total").asInt()).isEqualTo(adaFinal.total());
        }

        // Operators see scoring at work (before the restart below resets the counters).
        String metrics = Platform.get("/metrics?scope=application").body();
        assertThat(metrics).contains("scoring_answers_scored_total{mp_scope=\"application\"")
                .contains("scoring_boards_published_total{mp_scope=\"application\"")
                .contains("scoring_games_completed_total{mp_scope=\"application\",outcome=\"finalized\"");

        // A player who comes back (a page reload), even to a server that was restarted meanwhile, gets their score,
        // rank and the podium in the welcome.
        Platform.control("POST", "/liberty/stop");
        Platform.control("POST", "/liberty/start");
        String bobId = joined.get("Bob").get("playerId").asText();
        String bobToken = joined.get("Bob").get("playerToken").asText();
        JsonNode welcome = Platform.await("Bob's score in a welcome after the restart", Duration.ofSeconds(30), () -> {
            try (SocketClient again = SocketClient.player(gameId, bobToken)) {
                JsonNode w = again.awaitType("welcome");
                return w.has("score") ? Optional.of(w) : Optional.empty();
            }
        });
        Expected.Line bobFinal = expected.after(3).get(bobId);
        assertThat(welcome.get("score").get("questionIndex").asInt()).isEqualTo(3);
        assertThat(welcome.get("score").get("total").asInt()).isEqualTo(bobFinal.total());
        assertThat(welcome.get("score").get("rank").asInt()).isEqualTo(bobFinal.rank());
        assertThat(welcome.get("you").get("rank").asInt()).isEqualTo(bobFinal.rank());
        assertThat(welcome.get("podium")).hasSize(3);

        // The report: right to the point, for the host and admins only.
        JsonNode report = Platform.await("the report", Duration.ofSeconds(30), () -> {
            Platform.Reply r = Platform.get("/scoring/api/games/" + gameId + "/report", host);
            return r.status() == 200 ? Optional.of(r.json()) : Optional.empty();
        });
        assertThat(report.get("players").asInt()).isEqualTo(3);
        assertThat(report.get("questionsPlayed").asInt()).isEqualTo(4);
        assertThat(report.get("podium")).hasSize(3);
        for (JsonNode line : report.get("ranking")) {
            Expected.Line e = expected.after(3).get(line.get("playerId").asText());
            assertThat(line.get("rank").asInt()).isEqualTo(e.rank());
            assertThat(line.get("score").asInt()).isEqualTo(e.total());
            assertThat(line.get("correctAnswers").asInt()).isEqualTo(e.correctAnswers());
            assertThat(line.get("answered").asInt()).isEqualTo(e.answered());
            assertThat(line.get("averageResponseMs").asLong()).isEqualTo(Math.round((double) e.totalResponseMs() / e.answered()));
            for (int q = 0; q < 4; q++) {
                Expected.Line atQ = expected.after(q).get(line.get("playerId").asText());
                assertThat(line.get("pointsByQuestion").get(q).asInt()).as("q" + q).isEqualTo(atQ.points());
            }
        }
        JsonNode q0 = report.get("questions").get(0);
        assertThat(q0.get("answered").asInt()).isEqualTo(3);
        assertThat(q0.get("correct").asInt()).isEqualTo(2);
        assertThat(q0.get("percentCorrect").asDouble()).isEqualTo(66.7); // 2 of 3 answers
        assertThat(q0.get("distribution")).anySatisfy(o -> {
            assertThat(o.get("text").asText()).isEqualTo("Paris");
            assertThat(o.get("correct").asBoolean()).isTrue();
            assertThat(o.get("count").asInt()).isEqualTo(2);
        });
        JsonNode q2 = report.get("questions").get(2);
        assertThat(q2.get("type").asText()).isEqualTo("poll");
        assertThat(q0.get("type").asText()).isEqualTo("single-choice");
        assertThat(q2.has("percentCorrect")).isFalse();
        assertThat(report.get("questions").get(3).get("textAnswers")).isNotEmpty();
        assertThat(Platform.get("/scoring/api/games/" + gameId + "/report", admin).status()).isEqualTo(200);
        assertThat(Platform.get("/scoring/api/games/" + gameId + "/report", otherHost).status()).isEqualTo(403);

        Platform.Reply csv = Platform.get("/scoring/api/games/" + gameId + "/report.csv", host);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] rows = csv.body().split("\r\n");
        assertThat(rows[0]).isEqualTo("rank,nickname,score,correct_answers,answered,average_response_seconds,"
                + "q1_points,q2_points,q3_points,q4_points");
        assertThat(rows).hasSize(4);
        Expected.Line first = expected.at(3, 1);
        assertThat(rows[1]).startsWith("1," + nicknameOf.get(first.playerId()) + "," + first.total() + ","
                + first.correctAnswers() + "," + first.answered() + ",");

        // The leaderboard endpoint agrees (Redis, or PostgreSQL when Redis is down).
        JsonNode board = Platform.get("/scoring/api/games/" + gameId + "/leaderboard", host).json();
        assertThat(board.get("players").asInt()).isEqualTo(3);
        assertThat(board.get("standings").get(0).get("total").asInt()).isEqualTo(first.total());
    }

    // --- exactly once ---------------------------------------------------------------------------------------------

    @Test
    void aDuplicatedAnswerEventIsScoredOnce() throws Exception {
        String gameId = UUID.randomUUID().toString();
        String playerId = UUID.randomUUID().toString();
        createForgedGame(gameId, playerId);
        String answerId = UUID.randomUUID().toString();
        String event = submitted(UUID.randomUUID().toString(), answerId, gameId, playerId, 0, true, 4000, 2);
        publish("answer-events", gameId, event);
        long expected = Math.round(1000 * (1 - (4000 / 20000.0) / 2));
        awaitTotal(gameId, playerId, expected);

        // The same record again (a redelivery), and the same decision under a new event id (a second publication).
        publish("answer-events", gameId, event);
        String again = submitted(UUID.randomUUID().toString(), answerId, gameId, playerId, 0, true, 4000, 3);
        publish("answer-events", gameId, again);
        String againId = Platform.JSON.readTree(again).get("id").asText();
        Platform.await("the second publication to be processed", Duration.ofSeconds(20),
                () -> Platform.count("SCORING", "SELECT count(*) FROM processed_events WHERE consumer = 'scoring-app' AND event_id = ?::uuid",
                        againId) == 1 ? Optional.of(true) : Optional.empty());
        assertThat(Platform.count("SCORING", "SELECT total FROM player_scores WHERE game_id = ?::uuid AND player_id = ?",
                gameId, playerId)).isEqualTo(expected);
        assertThat(Platform.count("SCORING", "SELECT count(*) FROM scored_answers WHERE game_id = ?::uuid", gameId)).isEqualTo(1);
    }

    // --- answers ahead of their game -------------------------------------------------------------------------------

    @Test
    void answersThatArriveBeforeTheirGameWaitAndAreScoredWhenItIsCreated() throws Exception {
        String gameId = UUID.randomUUID().toString();
        String ada = UUID.randomUUID().toString();
        // scoring-app reads answer-events ahead of quiz-events (its quiz-events consumer is behind).
        publish("answer-events", gameId, submitted(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                gameId, ada, 0, true, 0, 1));
        publish("answer-events", gameId, submitted(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                gameId, ada, 7, true, 0, 2)); // no question 7 in this game: cannot ever be applied
        publish("answer-events", gameId, tallied(gameId, 0, 1, 1, 3));
        Platform.await("the events waiting", Duration.ofSeconds(20), () -> Platform.count("SCORING",
                "SELECT count(*) FROM waiting_events WHERE game_id = ?::uuid", gameId) == 3 ? Optional.of(true) : Optional.empty());

        createForgedGame(gameId, ada);
        awaitTotal(gameId, ada, 1000);
        assertThat(Platform.count("SCORING", "SELECT count(*) FROM waiting_events WHERE game_id = ?::uuid", gameId)).isZero();
        assertThat(Platform.count("SCORING", "SELECT count(*) FROM game_questions WHERE game_id = ?::uuid AND tallied_at IS NOT NULL",
                gameId)).isEqualTo(1);
        // The bad one is parked where an operator sees it, and did not stop the game's creation.
        JsonNode parked = Platform.await("the bad waiting event parked", Duration.ofSeconds(20), () -> {
            for (JsonNode e : Platform.get("/scoring/api/admin/dead-letters", admin).json().get("entries")) {
                if (gameId.equals(e.path("key").asText())) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        });
        assertThat(parked.get("error").asText()).contains("question 7");
        // Its processed mark (made when it was set aside to wait) was taken back as it was parked: a replay tries it
        // again and says it failed (the game has no question 7), where it used to answer "duplicate", as if applied.
        Platform.Reply replayed = replay(parked, "");
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(422);
        JsonNode board = awaitScoringEvent(gameId, "score.question-scored");
        assertThat(board.get("payload").get("lines").get(0).get("total").asInt()).isEqualTo(1000);
    }

    /**
     * A game's end read before its creation (its game.created parked, and replayed later by an operator) waits for
     * it: the creation applies it and the game's completion starts. It used to be dropped, the game left playing for
     * good with no podium and no failure announced.
     */
    @Test
    void aGameEndThatComesBeforeItsCreationWaitsForItAndTheGameIsCompleted() throws Exception {
        String gameId = UUID.randomUUID().toString();
        String ada = UUID.randomUUID().toString();
        publish("quiz-events", gameId, ended(gameId, 9));
        Platform.await("the end waiting for its game", Duration.ofSeconds(20), () -> Platform.count("SCORING",
                "SELECT count(*) FROM waiting_events WHERE game_id = ?::uuid", gameId) == 1 ? Optional.of(true) : Optional.empty());
        // An operator sees events waiting for a creation that has not come (refreshed every METRICS_REFRESH_SECONDS).
        Platform.await("the waiting events' gauges", Duration.ofSeconds(45), () ->
                ServerMetrics.count("scoring_events_waiting_for_game") >= 1
                        && ServerMetrics.count("scoring_events_waiting_oldest_seconds") >= 0 ? Optional.of(true) : Optional.empty());

        createForgedGame(gameId, ada);
        JsonNode saga = Platform.await("the game's completion started", Duration.ofSeconds(20), () -> {
            Platform.Reply r = Platform.get("/scoring/api/admin/games/" + gameId + "/finalization", admin);
            return r.status() == 200 ? Optional.of(r.json()) : Optional.empty();
        });
        assertThat(saga.get("state").asText()).isIn("RUNNING", "DONE");
        assertThat(Platform.count("SCORING", "SELECT count(*) FROM games WHERE game_id = ?::uuid AND ended_at IS NOT NULL",
                gameId)).isEqualTo(1);
        assertThat(Platform.count("SCORING", "SELECT count(*) FROM waiting_events WHERE game_id = ?::uuid", gameId)).isZero();
    }

    /**
     * Events that waited for their game's creation longer than it can still come (the dead-letter topic's 30 days
     * and a segment's age) are dropped, counted and logged; younger ones go on waiting. Looked at every 30 s.
     */
    @Test
    void eventsWaitingLongerThanTheirGamesCreationCanComeAreDropped() {
        String expired = UUID.randomUUID().toString();
        String young = UUID.randomUUID().toString();
        double before = ServerMetrics.count("scoring_events_waiting_expired_total");
        String waiting = "INSERT INTO waiting_events (game_id, envelope, waited_at) VALUES ";
        execute(waiting + "('" + expired + "', '{}', now() - interval '38 days'), ('" + expired + "', '{}', now() - interval '40 days')");
        execute(waiting + "('" + young + "', '{}', now() - interval '36 days')");
        try {
            Platform.await("the 38- and 40-day-old events dropped", Duration.ofSeconds(75), () -> Platform.count("SCORING",
                    "SELECT count(*) FROM waiting_events WHERE game_id = ?::uuid", expired) == 0 ? Optional.of(true) : Optional.empty());
            assertThat(Platform.count("SCORING", "SELECT count(*) FROM waiting_events WHERE game_id = ?::uuid", young))
                    .as("36 days: its game.created may still be replayed").isEqualTo(1);
            assertThat(ServerMetrics.count("scoring_events_waiting_expired_total")).isGreaterThanOrEqualTo(before + 2);
        } finally {
            execute("DELETE FROM waiting_events WHERE game_id = '" + young + "'");
        }
    }

    /**
     * Tallies of two games in one burst of answer-events, one of them followed by its game's next answer: each board
     * counts exactly the answers before its tally, whether scoring-app publishes the boards at the end of its batch
     * or one at a time (the games share a partition, so the burst can be one batch).
     */
    @Test
    void eachBoardOfABurstCountsTheAnswersBeforeItsTallyAndNoneAfter() throws Exception {
        String gameA = UUID.randomUUID().toString();
        String gameB = ForgedEvents.samePartition(producer, "answer-events", gameA);
        String ada = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        String cy = UUID.randomUUID().toString();
        createForgedGame(gameA, ada, bob);
        createForgedGame(gameB, cy);
        withoutAnswerAppTallies(gameA);
        withoutAnswerAppTallies(gameB);
        ForgedEvents.publishAll(producer, "answer-events", List.of(
                new ForgedEvents.Keyed(gameA, submitted(UUID.randomUUID().toString(), UUID.randomUUID().toString(), gameA, ada, 0, true, 0, 1)),
                new ForgedEvents.Keyed(gameB, submitted(UUID.randomUUID().toString(), UUID.randomUUID().toString(), gameB, cy, 0, true, 0, 1)),
                new ForgedEvents.Keyed(gameA, submitted(UUID.randomUUID().toString(), UUID.randomUUID().toString(), gameA, bob, 0, false, 0, 2)),
                new ForgedEvents.Keyed(gameA, tallied(gameA, 0, 2, 1, 3)),
                new ForgedEvents.Keyed(gameB, tallied(gameB, 0, 1, 1, 2)),
                new ForgedEvents.Keyed(gameA, submitted(UUID.randomUUID().toString(), UUID.randomUUID().toString(), gameA, ada, 1, true, 0, 4))));

        assertThat(totals(awaitScoringEvent(gameA, "score.question-scored"))).as("game A's board after question 1")
                .containsExactlyInAnyOrderEntriesOf(Map.of(ada, 1000, bob, 0));
        assertThat(totals(awaitScoringEvent(gameB, "score.question-scored"))).as("game B's board after question 1")
                .containsExactlyInAnyOrderEntriesOf(Map.of(cy, 1000));
        // Ada's second answer is scored all the same (1000 and her streak of two's bonus), after the board that left it out.
        Platform.await("Ada's second answer scored", Duration.ofSeconds(20), () -> Platform.count("SCORING",
                "SELECT count(*) FROM scored_answers WHERE game_id = ?::uuid AND player_id = ?", gameA, ada) == 2
                ? Optional.of(true) : Optional.empty());
        assertThat(Platform.count("SCORING", "SELECT total FROM player_scores WHERE game_id = ?::uuid AND player_id = ?",
                gameA, ada)).isEqualTo(2000 + STREAK_OF_TWO_BONUS);
    }

    /** The bonus of a second right answer in a row (the rule's step; ScoringExamplesTest has the whole table). */
    private static final int STREAK_OF_TWO_BONUS = 100;

    /** A board's totals by player. */
    private static Map<String, Integer> totals(JsonNode board) {
        Map<String, Integer> totals = new HashMap<>();
        board.get("payload").get("lines").forEach(line -> totals.put(line.get("playerId").asText(), line.get("total").asInt()));
        return totals;
    }

    // --- retried, parked, replayed ---------------------------------------------------------------------------------

    @Test
    void aPoisonEventEndsInTheDeadLetterTopicAndAnOperatorReplaysItOnceItCanBeApplied() throws Exception {
        String gameId = UUID.randomUUID().toString();
        String playerId = UUID.randomUUID().toString();
        createForgedGame(gameId, playerId);
        // The database refuses this player's scored answer (as it would with a bug or a broken schema) until lifted.
        String constraint = "it_poison_" + playerId.substring(0, 8);
        execute("ALTER TABLE scored_answers ADD CONSTRAINT " + constraint + " CHECK (NOT (player_id = '" + playerId
                + "' AND question_index = 0)) NOT VALID");
        String eventId = UUID.randomUUID().toString();
        JsonNode parked;
        try {
            publish("answer-events", gameId, submitted(eventId, UUID.randomUUID().toString(), gameId, playerId, 0,
                    true, 0, 1));
            parked = Platform.await("the event parked", Duration.ofSeconds(60), () -> deadLetter(eventId));
            assertThat(parked.get("dlqTopic").asText()).isEqualTo("answer-events.scoring-app.dlq");
            assertThat(parked.get("sourceTopic").asText()).isEqualTo("answer-events");
            assertThat(parked.get("eventType").asText()).isEqualTo("answer.submitted");
            assertThat(parked.get("error").asText()).contains(constraint);
            assertThat(parked.get("replayable").asBoolean()).isTrue();
            assertThat(Platform.count("SCORING", "SELECT count(*) FROM scored_answers WHERE game_id = ?::uuid", gameId)).isZero();

            // The game goes on: the player's next answer (right, at once) is scored without a streak, the first missing.
            publish("quiz-events", gameId, opened(gameId, 1, 3));
            publish("answer-events", gameId, submitted(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    gameId, playerId, 1, true, 0, 2));
            awaitTotal(gameId, playerId, 1000);

            // Replayed while the cause is still there: it fails again, stays parked, and its listing says why.
            Platform.Reply stillFailing = replay(parked, "");
            assertThat(stillFailing.status()).isEqualTo(422);
            assertThat(stillFailing.contentType()).startsWith("application/problem+json");
            assertThat(stillFailing.body()).as("the problem names no class and carries no SQL")
                    .doesNotContain("Exception").doesNotContain(constraint);
            JsonNode listed = deadLetter(eventId).orElseThrow();
            assertThat(listed.get("replayedSuccessfully").asBoolean()).isFalse();
            assertThat(listed.get("replay").get("error").asText()).as("the error, for the operator, in the listing")
                    .contains(constraint);
        } finally {
            execute("ALTER TABLE scored_answers DROP CONSTRAINT IF EXISTS " + constraint);
        }
        // Only admins replay.
        assertThat(Platform.sendJson("POST", replayPath(parked, ""), "", host).status()).isEqualTo(403);

        // Replayed after the later answer: both count, and the later one now ends a streak of two (+100).
        Platform.Reply replayed = replay(parked, "");
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
        assertThat(replayed.json().get("outcome").asText()).isEqualTo("applied");
        awaitTotal(gameId, playerId, 2100);
        assertThat(Platform.count("SCORING", "SELECT bonus FROM scored_answers WHERE game_id = ?::uuid AND question_index = 1",
                gameId)).isEqualTo(100);
        assertThat(deadLetter(eventId).orElseThrow().get("replayedSuccessfully").asBoolean()).isTrue();
        // Once is enough; forced, the idempotent consumer still scores it once.
        assertThat(replay(parked, "").status()).isEqualTo(409);
        Platform.Reply forced = replay(parked, "?force=true");
        assertThat(forced.status()).isEqualTo(200);
        assertThat(forced.json().get("outcome").asText()).isEqualTo("duplicate");
        assertThat(Platform.count("SCORING", "SELECT total FROM player_scores WHERE game_id = ?::uuid AND player_id = ?",
                gameId, playerId)).isEqualTo(2100);

        // A record that is not an event at all is parked too, listed, and cannot be replayed.
        String garbageKey = UUID.randomUUID().toString();
        producer.send(new ProducerRecord<>("answer-events", garbageKey, "{not an event")).get();
        JsonNode garbage = Platform.await("the malformed record parked", Duration.ofSeconds(60), () -> {
            for (JsonNode e : Platform.get("/scoring/api/admin/dead-letters", admin).json().get("entries")) {
                if (garbageKey.equals(e.path("key").asText())) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        });
        assertThat(garbage.get("replayable").asBoolean()).isFalse();
        assertThat(replay(garbage, "").status()).isEqualTo(422);
        assertThat(Platform.get("/scoring/api/admin/dead-letters/no-such-topic/0/0", admin).status()).isEqualTo(404);
        assertThat(Platform.sendJson("POST", "/scoring/api/admin/dead-letters/answer-events.scoring-app.dlq/0/-1/replay", "", admin)
                .status()).isEqualTo(400);

        // Page by page: each page's next lists the records parked before it, every record once, to the oldest.
        List<String> listed = addresses(Platform.get("/scoring/api/admin/dead-letters?limit=1000", admin).json());
        assertThat(listed).hasSizeGreaterThanOrEqualTo(2);
        int limit = Math.max(1, listed.size() / 4);
        List<String> paged = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            Platform.Reply page = Platform.get("/scoring/api/admin/dead-letters?limit=" + limit
                    + (next == null ? "" : "&before=" + next), admin);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            paged.addAll(addresses(page.json()));
            next = page.json().path("next").asText(null);
            assertThat(page.json().get("truncated").asBoolean()).isEqualTo(next != null);
            pages++;
        } while (next != null && pages <= listed.size());
        assertThat(next).as("the pages end").isNull();
        assertThat(pages).isGreaterThan(1);
        assertThat(paged).doesNotHaveDuplicates().containsAll(listed);
        Platform.Reply altered = Platform.get("/scoring/api/admin/dead-letters?before=page-2", admin);
        assertThat(altered.status()).isEqualTo(400);
        assertThat(altered.json().get("errors").get(0).get("field").asText()).isEqualTo("before");
    }

    /**
     * After an outage many events wait in a dead-letter topic: once the cause is fixed, one call replays what waits,
     * oldest first. One that still fails holds up the rest of its partition (later events of its game may need it)
     * until a later call, and no other partition.
     */
    @Test
    void anOperatorReplaysEverythingThatWaitsInOneCall() throws Exception {
        // A game in a partition where nothing else waits (other tests leave records that can never be applied).
        Set<Integer> othersWaiting = new HashSet<>();
        for (JsonNode e : Platform.get("/scoring/api/admin/dead-letters?limit=1000", admin).json().get("entries")) {
            if (e.get("dlqTopic").asText().equals("answer-events.scoring-app.dlq") && e.get("replayable").asBoolean()
                    && !e.get("replayedSuccessfully").asBoolean()) {
                othersWaiting.add(e.get("partition").asInt());
            }
        }
        String gameId = UUID.randomUUID().toString();
        while (othersWaiting.contains(partitionOf(gameId))) {
            gameId = UUID.randomUUID().toString();
        }
        int partition = partitionOf(gameId);
        String ada = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        createForgedGame(gameId, ada, bob);
        String refuseAda = "it_bulk_" + ada.substring(0, 8);
        String refuseBob = "it_bulk_" + bob.substring(0, 8);
        execute("ALTER TABLE scored_answers ADD CONSTRAINT " + refuseAda + " CHECK (player_id <> '" + ada + "') NOT VALID");
        execute("ALTER TABLE scored_answers ADD CONSTRAINT " + refuseBob + " CHECK (player_id <> '" + bob + "') NOT VALID");
        String adasAnswer = UUID.randomUUID().toString();
        String bobsAnswer = UUID.randomUUID().toString();
        String replayAll = "/scoring/api/admin/dead-letters/answer-events.scoring-app.dlq/replay";
        try {
            publish("answer-events", gameId, submitted(adasAnswer, UUID.randomUUID().toString(), gameId, ada, 0, true, 0, 1));
            publish("answer-events", gameId, submitted(bobsAnswer, UUID.randomUUID().toString(), gameId, bob, 0, true, 0, 2));
            Platform.await("both answers parked", Duration.ofSeconds(90), () -> deadLetter(bobsAnswer));
            assertThat(deadLetter(adasAnswer)).isPresent();

            // Bob's cause is fixed, Ada's not: Ada's answer fails again, Bob's (after it in the partition) waits.
            execute("ALTER TABLE scored_answers DROP CONSTRAINT " + refuseBob);
            // A partition is read up to its limit-th waiting record: with a limit of 1, Bob's answer (after Ada's) is not.
            Platform.Reply one = Platform.sendJson("POST", replayAll + "?limit=1", "", admin);
            assertThat(one.status()).as(one.body()).isEqualTo(200);
            assertThat(one.json().get("replays").size()).isEqualTo(1);
            assertThat(one.json().get("unread").asLong()).as(one.body()).isGreaterThanOrEqualTo(1);
            assertThat(one.json().has("stopped")).as("it did all it was asked").isFalse();

            // Two calls at once on one instance: one replays (Ada's retries keep it busy a second), the other is told 409.
            var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> Platform.sendJson("POST", replayAll + "?limit=1000", "", admin));
            var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> Platform.sendJson("POST", replayAll + "?limit=1000", "", admin));
            List<Platform.Reply> both = List.of(first.get(60, java.util.concurrent.TimeUnit.SECONDS),
                    second.get(60, java.util.concurrent.TimeUnit.SECONDS));
            assertThat(both).extracting(Platform.Reply::status).as(both.get(0).body() + both.get(1).body())
                    .containsExactlyInAnyOrder(200, 409);
            Platform.Reply refused = both.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
            assertThat(refused.json().get("title").asText()).isEqualTo("Replay under way");
            Platform.Reply held = both.stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
            assertThat(outcomes(held.json(), adasAnswer, bobsAnswer)).containsExactly(adasAnswer + "=failed");
            assertThat(held.json().get("heldPartitions").toString()).contains(String.valueOf(partition));
            assertThat(held.json().get("stillWaiting").asLong()).isGreaterThanOrEqualTo(2);
            // The next call starts reading the partition at Ada's answer: everything before it is dealt with.
            assertThat(handledBelow(partition)).isEqualTo(deadLetter(adasAnswer).orElseThrow().get("offset").asLong());
        } finally {
            execute("ALTER TABLE scored_answers DROP CONSTRAINT IF EXISTS " + refuseAda);
            execute("ALTER TABLE scored_answers DROP CONSTRAINT IF EXISTS " + refuseBob);
        }
        assertThat(Platform.sendJson("POST", replayAll, "", host).status()).as("admins only").isEqualTo(403);
        Platform.Reply zero = Platform.sendJson("POST", replayAll + "?limit=0", "", admin);
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().get("errors").get(0).get("field").asText()).isEqualTo("limit");
        assertThat(Platform.sendJson("POST", "/scoring/api/admin/dead-letters/no-such.dlq/replay", "", admin).status())
                .isEqualTo(404);

        Platform.Reply replayed = Platform.sendJson("POST", replayAll + "?limit=1000", "", admin);
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
        assertThat(outcomes(replayed.json(), adasAnswer, bobsAnswer)).as("oldest first")
                .containsExactly(adasAnswer + "=applied", bobsAnswer + "=applied");
        assertThat(replayed.json().get("heldPartitions").toString()).doesNotContain(String.valueOf(partition));
        awaitTotal(gameId, ada, 1000);
        awaitTotal(gameId, bob, 1000);
        assertThat(deadLetter(bobsAnswer).orElseThrow().get("replayedSuccessfully").asBoolean()).isTrue();
        assertThat(handledBelow(partition)).as("past Bob's answer")
                .isGreaterThan(deadLetter(bobsAnswer).orElseThrow().get("offset").asLong());

        Platform.Reply again = Platform.sendJson("POST", replayAll, "", admin);
        assertThat(outcomes(again.json(), adasAnswer, bobsAnswer)).as("nothing of this game left to replay").isEmpty();

        // Bob's record below where reading starts, its latest replay failed (as a forced replay by its address may):
        // the next call reads it again.
        execute("UPDATE dead_letter_replays SET outcome = 'failed' WHERE event_id = '" + bobsAnswer + "'");
        Platform.Reply afterFailure = Platform.sendJson("POST", replayAll, "", admin);
        assertThat(outcomes(afterFailure.json(), adasAnswer, bobsAnswer)).containsExactly(bobsAnswer + "=duplicate");
        // Where reading starts counts for the topic Kafka has now only: one made anew (another id) is read from its start.
        execute("DELETE FROM dead_letter_replays WHERE event_id = '" + bobsAnswer + "'");
        execute("UPDATE dead_letter_watermarks SET topic_id = 'a-topic-deleted-since' "
                + "WHERE dlq_topic = 'answer-events.scoring-app.dlq' AND partition_no = " + partition);
        Platform.Reply madeAnew = Platform.sendJson("POST", replayAll, "", admin);
        assertThat(outcomes(madeAnew.json(), adasAnswer, bobsAnswer)).containsExactly(bobsAnswer + "=duplicate");
    }

    /** Where the next bulk replay starts reading a partition of answer-events.scoring-app.dlq (-1: from its oldest record). */
    private static long handledBelow(int partition) {
        return Platform.count("SCORING", "SELECT COALESCE(max(handled_below), -1) FROM dead_letter_watermarks"
                + " WHERE dlq_topic = 'answer-events.scoring-app.dlq' AND partition_no = ?", partition);
    }

    /** "eventId=outcome" of the replays of these events in a bulk replay's answer, in order. */
    private static List<String> outcomes(JsonNode bulk, String... eventIds) {
        List<String> outcomes = new ArrayList<>();
        for (JsonNode replay : bulk.get("replays")) {
            if (List.of(eventIds).contains(replay.get("eventId").asText())) {
                outcomes.add(replay.get("eventId").asText() + "=" + replay.get("outcome").asText());
            }
        }
        return outcomes;
    }

    /** The parked records of a listing page, each as topic/partition@offset. */
    private static List<String> addresses(JsonNode page) {
        List<String> addresses = new ArrayList<>();
        for (JsonNode e : page.get("entries")) {
            addresses.add(e.get("dlqTopic").asText() + "/" + e.get("partition").asInt() + "@" + e.get("offset").asLong());
        }
        return addresses;
    }

    /**
     * A failing event holds up its own partition only: while scoring-app retries a poison answer of one game (rounds
     * of backoff before it is parked), the answers of a game in another partition are scored at once.
     */
    @Test
    void aFailingEventHoldsUpOnlyItsOwnPartition() throws Exception {
        String poisoned = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        while (partitionOf(other) == partitionOf(poisoned)) {
            other = UUID.randomUUID().toString();
        }
        String poisonedPlayer = UUID.randomUUID().toString();
        String otherPlayer = UUID.randomUUID().toString();
        createForgedGame(poisoned, poisonedPlayer);
        createForgedGame(other, otherPlayer);
        String constraint = "it_hold_" + poisonedPlayer.substring(0, 8);
        execute("ALTER TABLE scored_answers ADD CONSTRAINT " + constraint + " CHECK (NOT (player_id = '" + poisonedPlayer
                + "' AND question_index = 0)) NOT VALID");
        try {
            String poisonId = UUID.randomUUID().toString();
            publish("answer-events", poisoned, submitted(poisonId, UUID.randomUUID().toString(), poisoned, poisonedPlayer, 0,
                    true, 0, 1));
            Platform.sleep(1500); // its first attempts have failed; its partition now waits between rounds
            publish("answer-events", other, submitted(UUID.randomUUID().toString(), UUID.randomUUID().toString(), other,
                    otherPlayer, 0, true, 0, 1));
            awaitTotal(other, otherPlayer, 1000);

            // Scored while the poison is still being retried: the other game's answer did not wait for its rounds (a
            // time bound would say the same less surely on a busy machine).
            assertThat(deadLetter(poisonId)).as("the poison is still being retried, not parked yet").isEmpty();
            Platform.await("the poison parked after its rounds", Duration.ofSeconds(60), () -> deadLetter(poisonId));
        } finally {
            execute("ALTER TABLE scored_answers DROP CONSTRAINT IF EXISTS " + constraint);
        }
    }

    /** Kafka's default partitioner, for the 6 partitions of answer-events. */
    private static int partitionOf(String key) {
        return org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % 6;
    }

    private static Optional<JsonNode> deadLetter(String eventId) {
        Platform.Reply list = Platform.get("/scoring/api/admin/dead-letters", admin);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        for (JsonNode e : list.json().get("entries")) {
            if (eventId.equals(e.path("eventId").asText())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static String replayPath(JsonNode entry, String query) {
        return "/scoring/api/admin/dead-letters/" + entry.get("dlqTopic").asText() + "/" + entry.get("partition").asInt() + "/"
                + entry.get("offset").asLong() + "/replay" + query;
    }

    private static Platform.Reply replay(JsonNode entry, String query) {
        return Platform.sendJson("POST", replayPath(entry, query), "", admin);
    }

    // --- Redis down mid-game --------------------------------------------------------------------------------------

    @Test
    void withRedisStoppedMidGameTheLeaderboardIsServedFromPostgresAndRebuiltWhenRedisIsBack() throws Exception {
        String gameId = UUID.randomUUID().toString();
        String ada = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        JsonNode before = tallyOfTwoInRedis(gameId, ada, bob);
        assertThat(before.get("standings").get(0).get("playerId").asText()).isEqualTo(ada);

        Platform.control("POST", "/redis/stop");
        try {
            // Question 1: Bob right this time. Scores go on; the board is read from PostgreSQL.
            publish("quiz-events", gameId, opened(gameId, 1, 4));
            publish("answer-events", gameId, submitted(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    gameId, bob, 1, true, 500, 4));
            Platform.await("Bob's answer scored", Duration.ofSeconds(20), () -> Platform.count("SCORING",
                    "SELECT count(*) FROM scored_answers WHERE game_id = ?::uuid AND question_index = 1", gameId) == 1
                    ? Optional.of(true) : Optional.empty());
            // Scored but the question not closed: the board still shows the last closed question (no early hint).
            JsonNode open = leaderboard(gameId);
            assertThat(open.get("source").asText()).isEqualTo("DATABASE");
            assertThat(open.get("standings").get(0).get("playerId").asText()).isEqualTo(ada);
            publish("answer-events", gameId, tallied(gameId, 1, 1, 1, 5));
            long bobTotal = Math.round(1000 * (1 - (500 / 20000.0) / 2));
            JsonNode during = Platform.await("the board from PostgreSQL", Duration.ofSeconds(30), () -> {
                JsonNode b = leaderboard(gameId);
                return "DATABASE".equals(b.path("source").asText()) && b.get("standings").get(0).get("playerId").asText().equals(bob)
                        ? Optional.of(b) : Optional.empty();
            });
            assertThat(during.get("standings").get(0).get("total").asLong()).isEqualTo(bobTotal);
            JsonNode place = Platform.get("/scoring/api/games/" + gameId + "/leaderboard/players/" + ada, admin).json();
            // A player's own line from PostgreSQL: the same line the Redis board showed before, one place down.
            JsonNode adaBefore = before.get("standings").get(0);
            assertThat(place.get("source").asText()).isEqualTo("DATABASE");
            assertThat(place.get("standing").get("rank").asInt()).isEqualTo(2);
            assertThat(place.get("standing").get("playerId").asText()).isEqualTo(ada);
            assertThat(place.get("standing").get("nickname").asText()).isEqualTo(adaBefore.get("nickname").asText());
            assertThat(place.get("standing").get("total").asLong()).isEqualTo(adaBefore.get("total").asLong());
            assertThat(place.get("standing").get("correctAnswers").asInt()).isEqualTo(1);
        } finally {
            Platform.control("POST", "/redis/start");
        }
        JsonNode after = Platform.await("the board rebuilt in Redis", Duration.ofSeconds(40), () -> {
            JsonNode b = leaderboard(gameId);
            return "REDIS".equals(b.path("source").asText()) && b.get("standings").get(0).get("playerId").asText().equals(bob)
                    ? Optional.of(b) : Optional.empty();
        });
        assertThat(after.get("standings")).hasSize(2);
        assertThat(after.get("standings").get(1).get("playerId").asText()).isEqualTo(ada);
    }

    /**
     * A player kicked out after a question was scored (the host removes an offensive nickname) leaves the board at
     * once: the fast copy in Redis, kept a day after the game, ranked them until the next question was scored, and
     * after the last one for that whole day.
     */
    @Test
    void aKickedPlayerLeavesTheLeaderboard() throws Exception {
        String gameId = UUID.randomUUID().toString();
        String ada = UUID.randomUUID().toString();
        String rude = UUID.randomUUID().toString();
        tallyOfTwoInRedis(gameId, rude, ada);

        publish("quiz-events", gameId, envelope("game.player-kicked", "game", gameId, 4,
                "{\"playerId\":\"" + rude + "\",\"at\":\"" + Instant.now() + "\"}"));
        JsonNode after = Platform.await("the board without the kicked player", Duration.ofSeconds(20), () -> {
            JsonNode b = leaderboard(gameId);
            return b.get("players").asInt() == 1 ? Optional.of(b) : Optional.empty();
        });
        assertThat(after.get("standings")).hasSize(1);
        assertThat(after.get("standings").get(0).get("playerId").asText()).isEqualTo(ada);
        assertThat(after.get("standings").get(0).get("rank").asInt()).isEqualTo(1);
        assertThat(Platform.get("/scoring/api/games/" + gameId + "/leaderboard/players/" + rude, admin).status()).isEqualTo(404);
        // Rebuilt in Redis without them, not only read around it.
        JsonNode rebuilt = Platform.await("the board back in Redis", Duration.ofSeconds(20), () -> {
            JsonNode b = leaderboard(gameId);
            return "REDIS".equals(b.path("source").asText()) ? Optional.of(b) : Optional.empty();
        });
        assertThat(rebuilt.get("players").asInt()).isEqualTo(1);
        assertThat(rebuilt.get("standings").toString()).doesNotContain(rude);
    }

    /**
     * A forged game of two: the first right in 1 s, the second wrong in 2 s, question 0 tallied; its board once Redis
     * holds it with both.
     */
    private static JsonNode tallyOfTwoInRedis(String gameId, String right, String wrong) throws Exception {
        createForgedGame(gameId, right, wrong);
        publish("answer-events", gameId, submitted(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                gameId, right, 0, true, 1000, 1));
        publish("answer-events", gameId, submitted(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                gameId, wrong, 0, false, 2000, 2));
        publish("answer-events", gameId, tallied(gameId, 0, 2, 1, 3));
        return Platform.await("the board of both in Redis", Duration.ofSeconds(20), () -> {
            JsonNode b = leaderboard(gameId);
            return "REDIS".equals(b.path("source").asText()) && b.get("players").asInt() == 2 ? Optional.of(b) : Optional.empty();
        });
    }

    /** The game's leaderboard as an admin reads it. */
    private static JsonNode leaderboard(String gameId) {
        return Platform.get("/scoring/api/games/" + gameId + "/leaderboard", admin).json();
    }

    // --- the completion saga --------------------------------------------------------------------------------------

    /**
     * Each scoring lane locks its batch's games before any of their rows, in one order; a game's end that took its row
     * first while the answer lane held the game and waited for that row was a deadlock PostgreSQL had to break. Here
     * the test holds the game's lock, as an answer batch scoring it would: the end waits for it rather than going ahead.
     */
    @Test
    void aGameEndsOnlyOnceItsScoringLockIsFree() throws Exception {
        String gameId = UUID.randomUUID().toString();
        createForgedGame(gameId, UUID.randomUUID().toString());
        UUID game = UUID.fromString(gameId);
        long key = game.getMostSignificantBits() ^ game.getLeastSignificantBits();
        try (Connection scoringLane = Platform.database("SCORING")) {
            scoringLane.setAutoCommit(false);
            try (var lock = scoringLane.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, key);
                lock.execute();
            }
            publish("quiz-events", gameId, ended(gameId, 4));
            // PostgreSQL shows a bigint advisory key as its high and low halves (classid, objid). Another waiter may
            // be the leaderboards' rebuild after a Redis outage (it visits every recent game under its lock).
            Platform.await("the end waiting for the game's lock", Duration.ofSeconds(30), () -> Platform.count("SCORING",
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid::bigint = ? "
                            + "AND objid::bigint = ? AND objsubid = 1", key >>> 32, key & 0xFFFFFFFFL) >= 1
                    ? Optional.of(true) : Optional.empty());
            Platform.sleep(1000);
            assertThat(Platform.count("SCORING", "SELECT count(*) FROM games WHERE game_id = ?::uuid AND ended_at IS NULL",
                    gameId)).as("not ended while the lock is held").isEqualTo(1);
            scoringLane.commit();
        }
        Platform.await("the game ended once the lock was free", Duration.ofSeconds(20), () -> Platform.count("SCORING",
                "SELECT count(*) FROM games WHERE game_id = ?::uuid AND ended_at IS NOT NULL", gameId) == 1
                ? Optional.of(true) : Optional.empty());
    }

    @Test
    void aStepThatKeepsFailingIsCompensatedAndAnOperatorRetriesIt() throws Exception {
        String gameId = UUID.randomUUID().toString();
        String ada = UUID.randomUUID().toString();
        createForgedGame(gameId, ada);
        // The report step fails for this game until the block is lifted (a database refusing the write).
        String constraint = "it_block_" + gameId.substring(0, 8);
        execute("ALTER TABLE game_reports ADD CONSTRAINT " + constraint + " CHECK (game_id <> '" + gameId + "'::uuid) NOT VALID");
        try {
            publish("answer-events", gameId, submitted(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    gameId, ada, 0, true, 0, 1));
            publish("quiz-events", gameId, ended(gameId, 9));
            JsonNode failed = Platform.await("the saga compensated", Duration.ofSeconds(40), () -> {
                Platform.Reply r = Platform.get("/scoring/api/admin/games/" + gameId + "/finalization", admin);
                return r.status() == 200 && "FAILED".equals(r.json().get("state").asText()) ? Optional.of(r.json()) : Optional.empty();
            });
            assertThat(failed.get("step").asText()).isEqualTo("BUILDING_REPORT");
            assertThat(failed.get("attempts").asInt()).isEqualTo(3);
            assertThat(failed.get("lastError").asText()).contains(constraint);
            JsonNode announced = awaitScoringEvent(gameId, "game.finalization-failed");
            assertThat(announced.get("payload").get("step").asText()).isEqualTo("BUILDING_REPORT");
            assertThat(Platform.count("SCORING", "SELECT count(*) FROM games WHERE game_id = ?::uuid AND status = 'FINISHED_WITH_ERRORS'",
                    gameId)).isEqualTo(1);
            Platform.Reply notReady = Platform.get("/scoring/api/games/" + gameId + "/report", admin);
            assertThat(notReady.status()).isEqualTo(409);
            assertThat(notReady.json().get("detail").asText()).contains("retry");
            // Only an admin retries, and only a failed completion.
            assertThat(Platform.sendJson("POST", "/scoring/api/admin/games/" + gameId + "/finalization/retry", "", host).status())
                    .isEqualTo(403);
        } finally {
            execute("ALTER TABLE game_reports DROP CONSTRAINT IF EXISTS " + constraint);
        }
        assertThat(Platform.sendJson("POST", "/scoring/api/admin/games/" + gameId + "/finalization/retry", "", admin).status())
                .isEqualTo(200);
        awaitScoringEvent(gameId, "game.finalized");
        assertThat(Platform.get("/scoring/api/games/" + gameId + "/report", admin).status()).isEqualTo(200);
        assertThat(Platform.count("SCORING", "SELECT count(*) FROM games WHERE game_id = ?::uuid AND status = 'FINALIZED'", gameId))
                .isEqualTo(1);
        Platform.Reply again = Platform.sendJson("POST", "/scoring/api/admin/games/" + gameId + "/finalization/retry", "", admin);
        assertThat(again.status()).isEqualTo(409);
    }

    /**
     * An answer scored after the game's report was built, while the completion is still announcing it (here the
     * announcement keeps failing, so it is given up on afterwards): the report and its ranks follow, as they do for a
     * completed game. They kept the report as built, without the answer, for good.
     */
    @Test
    void anAnswerScoredAfterTheReportWasBuiltIsInTheReport() throws Exception {
        String gameId = UUID.randomUUID().toString();
        String ada = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        endedWithAnAnswerAndNoTally(gameId, ada, bob);
        String constraint = "it_announce_" + gameId.substring(0, 8);
        execute("ALTER TABLE outbox ADD CONSTRAINT " + constraint + " CHECK (message_key <> '" + gameId
                + "' OR event_type <> 'game.finalized') NOT VALID");
        try {
            publish("answer-events", gameId, tallied(gameId, 0, 1, 1, 2));
            Platform.await("the report built, the announcement failing", Duration.ofSeconds(40), () -> {
                Platform.Reply r = Platform.get("/scoring/api/admin/games/" + gameId + "/finalization", admin);
                return r.status() == 200 && "ANNOUNCING".equals(r.json().get("step").asText()) && r.json().get("attempts").asInt() >= 1
                        ? Optional.of(true) : Optional.empty();
            });
            publish("answer-events", gameId, submitted(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    gameId, bob, 0, true, 0, 3));
            JsonNode report = Platform.await("the report with Bob's answer", Duration.ofSeconds(30), () -> {
                Platform.Reply r = Platform.get("/scoring/api/games/" + gameId + "/report", admin);
                if (r.status() != 200) {
                    return Optional.empty();
                }
                for (JsonNode line : r.json().get("ranking")) {
                    if (bob.equals(line.get("playerId").asText()) && line.get("score").asInt() > 0) {
                        return Optional.of(r.json());
                    }
                }
                return Optional.empty();
            });
            assertThat(report.get("ranking")).hasSize(2);
        } finally {
            execute("ALTER TABLE outbox DROP CONSTRAINT IF EXISTS " + constraint);
        }
    }

    /**
     * The game's last tally comes after its completion stopped waiting for it (SCORING_FINALIZATION_WAIT_SECONDS, 30 s
     * on the test stack; Kafka or answer-app away for longer in life): the game is completed then, without an
     * operator. It used to stay finished with errors, its podium unavailable, until an operator retried it. Answers
     * that come before it are scored, and make no report: one built then, without the question's tally, was served
     * as the game's report (a second player's answer here).
     */
    @Test
    void aTallyThatComesAfterTheCompletionGaveUpWaitingCompletesTheGame() throws Exception {
        String gameId = UUID.randomUUID().toString();
        String ada = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        endedWithAnAnswerAndNoTally(gameId, ada, bob);
        JsonNode failed = awaitScoringEvent(gameId, "game.finalization-failed");
        assertThat(failed.get("payload").get("step").asText()).isEqualTo("AWAITING_SCORES");
        assertThat(Platform.count("SCORING", "SELECT count(*) FROM games WHERE game_id = ?::uuid AND status = 'FINISHED_WITH_ERRORS'",
                gameId)).isEqualTo(1);

        publish("answer-events", gameId, submitted(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                gameId, bob, 0, false, 0, 2));
        Platform.await("Bob's late answer scored", Duration.ofSeconds(20), () -> Platform.count("SCORING",
                "SELECT count(*) FROM scored_answers WHERE game_id = ?::uuid", gameId) == 2 ? Optional.of(true) : Optional.empty());
        assertThat(Platform.count("SCORING", "SELECT count(*) FROM game_reports WHERE game_id = ?::uuid", gameId))
                .as("no report without the question's tally").isZero();
        assertThat(Platform.get("/scoring/api/games/" + gameId + "/report", admin).status()).isEqualTo(409);

        publish("answer-events", gameId, tallied(gameId, 0, 2, 1, 3));
        JsonNode finalized = awaitScoringEvent(gameId, "game.finalized");
        assertThat(finalized.get("payload").get("podium").get(0).get("playerId").asText()).isEqualTo(ada);
        assertThat(Platform.count("SCORING", "SELECT count(*) FROM games WHERE game_id = ?::uuid AND status = 'FINALIZED'", gameId))
                .isEqualTo(1);
        Platform.Reply report = Platform.get("/scoring/api/games/" + gameId + "/report", admin);
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.json().get("ranking")).hasSize(2);
    }

    // --- the score computed independently ----------------------------------------------------------------------

    /** Points, streaks and ranks as the issue states them, computed from answer.submitted events alone. */
    record Expected(Map<Integer, Map<String, Line>> byQuestion) {

        record Line(String playerId, int rank, int points, int bonus, int total, int correctAnswers, int answered,
                    long totalResponseMs) {
        }

        Map<String, Line> after(int q) {
            return byQuestion.get(q);
        }

        Line at(int q, int rank) {
            return byQuestion.get(q).values().stream().filter(l -> l.rank() == rank).findFirst().orElseThrow();
        }

        static Expected of(List<JsonNode> submitted, int[] points, int[] limits, java.util.Set<String> players) {
            Map<String, int[]> state = new HashMap<>(); // total, correct, answered, streak
            Map<String, Long> time = new HashMap<>();
            players.forEach(p -> {
                state.put(p, new int[4]);
                time.put(p, 0L);
            });
            Map<Integer, Map<String, Line>> out = new HashMap<>();
            for (int q = 0; q < points.length; q++) {
                Map<String, int[]> earned = new HashMap<>();
                for (JsonNode e : submitted) {
                    JsonNode a = e.get("payload");
                    if (a.get("questionIndex").asInt() != q) {
                        continue;
                    }
                    String p = a.get("playerId").asText();
                    int[] s = state.get(p);
                    long ms = a.get("responseMs").asLong();
                    int got = 0;
                    int bonus = 0;
                    if (points[q] > 0 && a.has("correct")) {
                        double speed = ms < 500 ? 1.0 : 1 - Math.min(1.0, ms / (limits[q] * 1000.0)) / 2;
                        long full = Math.round(points[q] * speed);
                        boolean right = a.get("correct").asBoolean();
                        if (right) {
                            got = (int) full;
                            s[3]++;
                            bonus = Math.min(500, 100 * Math.max(0, s[3] - 1));
                            s[1]++;
                        } else {
                            int share = Math.max(0, a.get("correctChosen").asInt() - a.get("wrongChosen").asInt());
                            int of = a.get("correctTotal").asInt();
                            got = of > 1 ? (int) Math.round(full * (double) share / of) : 0;
                            s[3] = 0;
                        }
                    }
                    s[0] += got + bonus;
                    s[2]++;
                    time.merge(p, ms, Long::sum);
                    earned.put(p, new int[]{got + bonus, bonus});
                }
                if (points[q] > 0) {
                    for (String p : players) {
                        if (!earned.containsKey(p)) {
                            state.get(p)[3] = 0; // a missed counting question ends the streak
                        }
                    }
                }
                List<String> order = new ArrayList<>(players);
                // total, then more answers given, then the faster total time, then the player id
                order.sort(Comparator.<String>comparingInt(p -> -state.get(p)[0]).thenComparingInt(p -> -state.get(p)[2])
                        .thenComparingLong(time::get).thenComparing(Comparator.naturalOrder()));
                Map<String, Line> lines = new HashMap<>();
                for (int i = 0; i < order.size(); i++) {
                    String p = order.get(i);
                    int[] s = state.get(p);
                    int[] e = earned.getOrDefault(p, new int[2]);
                    lines.put(p, new Line(p, i + 1, e[0], e[1], s[0], s[1], s[2], time.get(p)));
                }
                out.put(q, lines);
            }
            return new Expected(out);
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static void awaitScores(int questionIndex, SocketClient hostSocket, SocketClient... players) {
        for (SocketClient player : players) {
            player.await("score of question " + questionIndex, Duration.ofSeconds(30),
                    m -> "score".equals(m.path("type").asText()) && m.path("questionIndex").asInt() == questionIndex);
        }
        hostSocket.await("leaderboard of question " + questionIndex, Duration.ofSeconds(30),
                m -> "leaderboard".equals(m.path("type").asText()) && m.path("questionIndex").asInt() == questionIndex);
    }

    private static List<JsonNode> messages(SocketClient socket, String type) {
        List<JsonNode> out = new ArrayList<>();
        for (String text : socket.received) {
            try {
                JsonNode m = Platform.JSON.readTree(text);
                if (type.equals(m.path("type").asText())) {
                    out.add(m);
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    private static String options(int questionIndex, String... ids) {
        return "{\"type\":\"answer\",\"questionIndex\":" + questionIndex + ",\"optionIds\":[\"" + String.join("\",\"", ids) + "\"]}";
    }

    static List<JsonNode> awaitAnswers(String gameId, int atLeast) {
        return answers.await(gameId, atLeast, EventLog.ofType("answer.submitted"));
    }

    /** Reads scoring-events from the start until the game's event of the type shows up; checks it against its schema. */
    static JsonNode awaitScoringEvent(String gameId, String type) throws Exception {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", Platform.stackStatus().get("env").get("KAFKA_BOOTSTRAP_SERVERS").asText(),
                "group.id", "it-scoring-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
                "key.deserializer", StringDeserializer.class.getName(), "value.deserializer", StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of("scoring-events"));
            ConsumerRecord<String, String> record = Platform.awaitRecord(consumer, Duration.ofSeconds(60),
                    r -> gameId.equals(r.key()) && r.value().contains("\"type\":\"" + type + "\""));
            assertThat(ContractValidator.violations(record.value())).as(record.value()).isEmpty();
            return Platform.JSON.readTree(record.value());
        }
    }

    private static void awaitTotal(String gameId, String playerId, long total) {
        Platform.await("a total of " + total, Duration.ofSeconds(20), () -> Platform.count("SCORING",
                "SELECT count(*) FROM player_scores WHERE game_id = ?::uuid AND player_id = ? AND total = ?", gameId, playerId,
                (int) total) == 1 ? Optional.of(true) : Optional.empty());
    }

    /**
     * A forged game of Ada (and these others) in which Ada answered question 0, ended; answer-app never tallies it
     * ({@link #withoutAnswerAppTallies}).
     */
    private static void endedWithAnAnswerAndNoTally(String gameId, String ada, String... others) throws Exception {
        String[] players = new String[others.length + 1];
        players[0] = ada;
        System.arraycopy(others, 0, players, 1, others.length);
        createForgedGame(gameId, players);
        withoutAnswerAppTallies(gameId);
        publish("answer-events", gameId, submitted(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                gameId, ada, 0, true, 0, 1));
        publish("quiz-events", gameId, ended(gameId, 9));
    }

    /** answer-app forgets the game, so it never tallies it: the test plays answer-app's part on answer-events. */
    static void withoutAnswerAppTallies(String gameId) {
        Platform.await("answer-app to know the game", Duration.ofSeconds(20),
                () -> Platform.count("ANSWER", "SELECT count(*) FROM games WHERE game_id = ?::uuid", gameId) == 1
                        ? Optional.of(true) : Optional.empty());
        try (Connection c = Platform.database("ANSWER"); var statement = c.prepareStatement("DELETE FROM games WHERE game_id = ?::uuid")) {
            statement.setString(1, gameId);
            statement.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(String sql) {
        try (Connection c = Platform.database("SCORING"); Statement statement = c.createStatement()) {
            statement.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A forged game on quiz-events ({@link ForgedEvents#gameWithQuestionOpen}) hosted by the test's host, once
     * scoring-app has read its opening.
     */
    private static void createForgedGame(String gameId, String... playerIds) throws Exception {
        String hostId = Platform.get("/scoring/api/caller", host).json().get("userId").asText();
        ForgedEvents.publishAll(producer, "quiz-events", gameId, ForgedEvents.gameWithQuestionOpen(gameId, hostId, playerIds));
        Platform.await("scoring to know the forged game", Duration.ofSeconds(20),
                () -> Platform.count("SCORING", "SELECT count(*) FROM game_questions WHERE game_id = ?::uuid AND opened_at IS NOT NULL",
                        gameId) == 1 ? Optional.of(true) : Optional.empty());
    }

    private static String opened(String gameId, int questionIndex, int version) {
        Instant now = Instant.now();
        return envelope("game.question-opened", "game", gameId, version, "{\"questionIndex\":" + questionIndex
                + ",\"at\":\"" + now + "\",\"closesAt\":\"" + now.plusSeconds(20) + "\"}");
    }

    static String ended(String gameId, int version) {
        return envelope("game.ended", "game", gameId, version, "{\"reason\":\"ENDED_BY_HOST\",\"at\":\"" + Instant.now() + "\"}");
    }

    static String submitted(String eventId, String answerId, String gameId, String playerId, int questionIndex,
                                    boolean correct, long responseMs, int version) {
        return envelope(eventId, "answer.submitted", "answer", gameId, version, "{\"answerId\":\"" + answerId + "\",\"gameId\":\""
                + gameId + "\",\"playerId\":\"" + playerId + "\",\"questionIndex\":" + questionIndex + ",\"optionIds\":[\""
                + (correct ? "a" : "b") + "\"],\"correct\":" + correct + ",\"correctChosen\":" + (correct ? 1 : 0)
                + ",\"wrongChosen\":" + (correct ? 0 : 1) + ",\"correctTotal\":1,\"responseMs\":" + responseMs
                + ",\"timeLimitSeconds\":20,\"points\":1000,\"receivedAt\":\"" + Instant.now() + "\"}");
    }

    static String tallied(String gameId, int questionIndex, int answered, int correct, int version) {
        return envelope("answer.question-tallied", "answer", gameId, version, "{\"gameId\":\"" + gameId + "\",\"questionIndex\":"
                + questionIndex + ",\"answered\":" + answered + ",\"correct\":" + correct + ",\"distribution\":[{\"optionId\":\"a\",\"count\":"
                + correct + "},{\"optionId\":\"b\",\"count\":" + (answered - correct) + "}],\"textAnswers\":[],\"closedAt\":\""
                + Instant.now() + "\"}");
    }

    private static String envelope(String type, String aggregateType, String aggregateId, int version, String payload) {
        return ForgedEvents.envelope(type, aggregateType, aggregateId, version, payload);
    }

    private static String envelope(String id, String type, String aggregateType, String aggregateId, int version, String payload) {
        return ForgedEvents.envelope(id, type, aggregateType, aggregateId, version, Instant.now(), payload);
    }

    private static void publish(String topic, String key, String event) throws Exception {
        ForgedEvents.publish(producer, topic, key, event);
    }
}
