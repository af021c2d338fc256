package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static it.quizplatform.QuizAuthoringIT.SINGLE;
import static it.quizplatform.QuizAuthoringIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fair timing: a player's response time runs from when the question reached their connection, not from the opening,
 * so the phone served last is not penalised; a reconnect does not restart the clock. The gaps are seconds wide and
 * each assertion allows 750 ms, so a slow machine does not make it flaky (the question has 20 s). A round in which the
 * machine itself stalled between the server's write and the phones' read is played again (at most three rounds;
 * {@link Round}): twice in fresh-clone runs, right after BackupRestoreIT had restarted the server, the three phones
 * shown the question at the opening were all counted about 1.2 s long while Bob, welcomed after it, was not; and once
 * (2026-12-05, same place) Bob's receipt counted 1,644 ms for a 200 ms answer, so the way from a phone's send to the
 * server's stamp is watched too, and the receipt is checked with the rest once a round was not disturbed.
 */
public class FairTimingIT {

    /** What each assertion allows between two times that should be equal. */
    private static final long SLACK_MS = 750;

    private static String host;
    private static String quizId;

    @BeforeAll
    static void publishedQuiz() {
        host = Platform.registerAndLogin(Platform.uniqueEmail("fair"), "Fair Host");
        quizId = QuizAuthoringIT.published(host, "Fair Timing Quiz", SINGLE);
    }

    /**
     * How late a phone may read a message after the server built it (or the server stamp a phone's answer after its
     * send) before the round measures the machine instead.
     */
    private static final long DELIVERY_LIMIT_MS = 400;

    /** Rounds played at most until one was not disturbed by a stall of the machine. */
    private static final int ROUNDS = 3;

    @Test
    void theTimeRunsFromWhenTheQuestionReachedThePlayerAndAReconnectDoesNotRestartIt() {
        Round round = playOneQuestion();
        for (int played = 1; round.stall() != null && played < ROUNDS; played++) {
            System.out.printf("fair timing: round %d not measured (%s); a new game%n", played, round.stall());
            round = playOneQuestion();
        }
        assertThat(round.stall()).as("every round's messages reached the phones late; the machine stalled").isNull();
        Map<String, Long> responseMs = round.responseMs();
        Map<String, Integer> points = round.points();
        System.out.printf("fair timing: responseMs %s, points %s, Bob answered %d ms after his welcome, Dee %d ms after she"
                + " first saw the question; read after the server built them (ms): %s%n", responseMs, points,
                round.bobAfterWelcome(), round.deeSinceFirstSeen(), round.deliveredAfterMs());

        // Bob, served a second late, is timed from his welcome: as fast as Ada, well under what the opening would give;
        // his receipt said so at once.
        assertThat(round.bobReceiptMs()).as("the receipt counts from Bob's welcome too").isLessThan(1000);
        assertThat(responseMs.get("Bob")).isBetween(0L, round.bobAfterWelcome() + SLACK_MS);
        assertThat(Math.abs(responseMs.get("Bob") - responseMs.get("Ada"))).isLessThan(SLACK_MS);
        // Both earn (nearly) full speed points: at most 1 s of time is at most 25 of 1000 points over 20 s.
        assertThat(points.get("Ada")).isBetween(975, 1000);
        assertThat(points.get("Bob")).isBetween(975, 1000);
        // Cy saw it at the opening and took 3 s: slower, fewer points.
        assertThat(responseMs.get("Cy")).isGreaterThan(responseMs.get("Bob") + 1500);
        assertThat(points.get("Cy")).isLessThan(Math.min(points.get("Ada"), points.get("Bob")));
        // Dee's reconnect did not restart her clock (a restart would give her about 200 ms).
        assertThat(responseMs.get("Dee")).isGreaterThan(round.deeSinceFirstSeen() - SLACK_MS).isGreaterThan(2000);
        assertThat(points.get("Dee")).isLessThan(Math.min(points.get("Ada"), points.get("Bob")));
    }

    /**
     * One game of one question, as the players' clocks saw it. {@code stall} says why the round measures the machine
     * rather than the server's timing: the test's phones read the question only when it arrives, so if the machine
     * stalls between the server's write and their read (a pause of this virtual machine, of the test's JVM, or of the
     * server's writer after its stamp), Ada, Cy and Dee answer that much later than the server saw them shown it, and
     * their counted times grow by the stall while Bob's (served after it) does not. Each message carries the server's
     * {@code serverTime} (built just before the writes; the test and the stack share the machine's clock), so such a
     * round is recognised and played again instead of failing on the machine's account.
     */
    private record Round(Map<String, Long> responseMs, Map<String, Integer> points, long bobAfterWelcome,
                         long bobReceiptMs, long deeSinceFirstSeen, Map<String, Long> deliveredAfterMs) {

        /** Why the round measured the machine, or null when every phone read its message in time. */
        String stall() {
            return deliveredAfterMs.entrySet().stream().filter(e -> e.getValue() > DELIVERY_LIMIT_MS)
                    .map(e -> e.getKey() + " " + e.getValue() + " ms on its way")
                    .reduce((a, b) -> a + ", " + b).orElse(null);
        }
    }

    private static Round playOneQuestion() {
        JsonNode game = send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null).json();
        String gameId = game.get("id").asText();
        Map<String, JsonNode> joined = new HashMap<>();
        for (String nickname : new String[]{"Ada", "Bob", "Cy", "Dee"}) {
            joined.put(nickname, GameLobbyIT.join(game.get("pin").asText(), nickname).json());
        }
        Map<String, Long> deliveredAfterMs = new LinkedHashMap<>();
        Map<String, JsonNode> scores = new HashMap<>();
        long bobAfterWelcome;
        long bobReceiptMs;
        long deeSinceFirstSeen;
        try (SocketClient hostSocket = SocketClient.host(gameId, host);
             SocketClient ada = SocketClient.player(gameId, token(joined, "Ada"));
             SocketClient cy = SocketClient.player(gameId, token(joined, "Cy"));
             SocketClient dee = SocketClient.player(gameId, token(joined, "Dee"))) {
            for (SocketClient s : new SocketClient[]{hostSocket, ada, cy, dee}) {
                s.awaitType("welcome");
            }
            hostSocket.send("{\"type\":\"start\"}");
            JsonNode open = ada.awaitPhase("open");
            Instant opened = Instant.now();
            deliveredAfterMs.put("the open question to Ada", deliveredAfter(open, opened));
            String paris = AnswersIT.optionId(open, "Paris");
            deliveredAfterMs.put("the open question to Cy", deliveredAfter(cy.awaitPhase("open"), Instant.now()));
            deliveredAfterMs.put("the open question to Dee", deliveredAfter(dee.awaitPhase("open"), Instant.now()));
            Instant deeFirstSeen = Instant.now();

            // Ada saw it at the opening and answers 200 ms later (a stall of this test's thread would send it later
            // and count against her just the same: watched too).
            sleepUntil(opened.plusMillis(200));
            Instant adaSent = Instant.now();
            ada.send(AnswersIT.answer(0, paris));
            deliveredAfterMs.put("Ada's answer, sent after its 200 ms", Duration.between(opened, adaSent).toMillis() - 200);
            // Dee's phone drops half a second in.
            sleepUntil(opened.plusMillis(500));
            dee.close();

            // Bob's phone is the last served: it gets the open question in its welcome a second after the opening, and he
            // answers 200 ms after he saw it. A second, not more: answer-app gives back at most 2 s after the server's
            // opening (answer.fair.timing.max.compensation.ms), and on a loaded machine Ada may see the opening itself
            // several hundred ms after the server made it (a CI run connected Bob 1.5 s after Ada saw it, past the bound:
            // 1,144 ms counted for a 200 ms answer).
            sleepUntil(opened.plusMillis(1000));
            try (SocketClient bob = SocketClient.player(gameId, token(joined, "Bob"))) {
                JsonNode welcome = bob.awaitType("welcome");
                Instant bobSaw = Instant.now();
                deliveredAfterMs.put("Bob's welcome", deliveredAfter(welcome, bobSaw));
                assertThat(welcome.get("phase").asText()).isEqualTo("open");
                sleepUntil(bobSaw.plusMillis(200));
                Instant bobSent = Instant.now();
                bob.send(AnswersIT.answer(0, paris));
                bobAfterWelcome = Duration.between(bobSaw, Instant.now()).toMillis();
                JsonNode receipt = bob.awaitType("answer-received");
                // The other way round: from the phone's send to the server's stamp (receivedAt), where a stall of the
                // machine would count against Bob just the same.
                deliveredAfterMs.put("Bob's answer", Duration.between(bobSent, Instant.parse(receipt.get("receivedAt").asText())).toMillis());
                bobReceiptMs = receipt.get("responseMs").asLong();

                // Dee comes back 2.5 s after the opening and answers 200 ms after her new welcome: her clock still runs
                // from the first time she was shown the question.
                sleepUntil(opened.plusMillis(2500));
                try (SocketClient deeAgain = SocketClient.player(gameId, token(joined, "Dee"))) {
                    assertThat(deeAgain.awaitType("welcome").get("phase").asText()).isEqualTo("open");
                    Instant deeSawAgain = Instant.now();
                    sleepUntil(deeSawAgain.plusMillis(200));
                    deeAgain.send(AnswersIT.answer(0, paris));
                    deeSinceFirstSeen = Duration.between(deeFirstSeen, Instant.now()).toMillis();

                    // Cy saw it at the opening and answers 3 s after it.
                    sleepUntil(opened.plusMillis(3000));
                    cy.send(AnswersIT.answer(0, paris));

                    // Ada's answer from her send to the server's stamp, as Bob's (a CI run counted 1,620 ms for her 200 ms
                    // answer while every message reached the phones in time).
                    deliveredAfterMs.put("Ada's answer", Duration.between(adaSent,
                            Instant.parse(ada.awaitType("answer-received").get("receivedAt").asText())).toMillis());

                    // Everyone connected answered: the question closes and each player gets their score line.
                    for (Map.Entry<String, SocketClient> player : Map.of("Ada", ada, "Bob", bob, "Cy", cy, "Dee", deeAgain).entrySet()) {
                        scores.put(player.getKey(), player.getValue().await("the score of question 0", Duration.ofSeconds(30),
                                m -> "score".equals(m.path("type").asText()) && m.path("questionIndex").asInt() == 0));
                    }
                }
            }
            hostSocket.send("{\"type\":\"next\"}");
            hostSocket.awaitPhase("ended");
        }

        // The report's average response time is the one answer's time, as answer-app counted it for scoring.
        JsonNode report = Platform.await("the report", Duration.ofSeconds(60), () -> {
            Platform.Reply r = Platform.get("/scoring/api/games/" + gameId + "/report", host);
            return r.status() == 200 ? Optional.of(r.json()) : Optional.empty();
        });
        Map<String, Long> responseMs = new HashMap<>();
        for (JsonNode line : report.get("ranking")) {
            joined.forEach((nickname, player) -> {
                if (player.get("playerId").asText().equals(line.get("playerId").asText())) {
                    responseMs.put(nickname, line.get("averageResponseMs").asLong());
                }
            });
        }
        Map<String, Integer> points = new HashMap<>();
        scores.forEach((nickname, line) -> points.put(nickname, line.get("points").asInt()));
        return new Round(responseMs, points, bobAfterWelcome, bobReceiptMs, deeSinceFirstSeen, deliveredAfterMs);
    }

    /** From the server's {@code serverTime} in the message to when the phone read it. */
    private static long deliveredAfter(JsonNode message, Instant read) {
        return Duration.between(Instant.parse(message.get("serverTime").asText()), read).toMillis();
    }

    private static String token(Map<String, JsonNode> joined, String nickname) {
        return joined.get(nickname).get("playerToken").asText();
    }

    private static void sleepUntil(Instant moment) {
        long ms = Duration.between(Instant.now(), moment).toMillis();
        if (ms > 0) {
            Platform.sleep(ms);
        }
    }
}
