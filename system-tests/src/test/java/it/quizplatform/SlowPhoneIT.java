package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static it.quizplatform.QuizAuthoringIT.SINGLE;
import static it.quizplatform.QuizAuthoringIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A phone that stops reading (a network too slow for what it is sent) is closed with 1013 "too slow to keep up;
 * reconnect" once it is 64 messages behind, and what was queued for it is dropped; the close frame follows the message
 * that was being written when it fell behind, so a phone that reads again gets it; operators count such connections
 * ({@code quiz_sockets_dropped_total}); the game's other connections go on as before (docs/PROTOCOL.md, close codes).
 */
class SlowPhoneIT {

    private static final int LOBBY = 2_000;
    private static final String DROPPED = "quiz_sockets_dropped_total";
    private static final String TOO_SLOW = "reason=\"too-slow\"";

    private static String host;
    private static String quizId;

    @BeforeAll
    static void publishedQuiz() {
        host = Platform.registerAndLogin(Platform.uniqueEmail("slowhost"), "Slow Host");
        quizId = QuizAuthoringIT.published(host, "Slow Quiz", SINGLE);
    }

    @Test
    void aHostScreenThatStopsReadingIsLetGoAndTheOtherHostScreenGoesOn() throws Exception {
        JsonNode game = send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null).json();
        String gameId = game.get("id").asText();
        String pin = game.get("pin").asText();
        AtomicInteger joined = new AtomicInteger();
        // A lobby of 2,000: each roster the hosts are sent is then about 150 KB, so the kernel's send buffer for the
        // stalled socket (up to 4 MB on loopback) is full within 15 s and the rest queues in the server.
        ExecutorService joiners = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> joins = new ArrayList<>();
            for (int i = 0; i < LOBBY; i++) {
                joins.add(joiners.submit(() -> joinAs(pin, joined.incrementAndGet())));
            }
            for (Future<?> join : joins) {
                join.get(60, TimeUnit.SECONDS);
            }
        } finally {
            joiners.shutdownNow();
        }

        try (SocketClient reading = SocketClient.host(gameId, host);
             StalledPhone stalled = StalledPhone.host(gameId, host)) {
            reading.awaitType("welcome");
            // Four joins (the hosts get the roster at most twice a second) and eight pings a second (each answered
            // with a pong) until the server lets the stalled screen go (its counter says so), for at most 40 s: more
            // than 64 messages queue for it once the buffers on the way are full.
            double droppedBefore = ServerMetrics.count(DROPPED, TOO_SLOW);
            int pings = 0;
            for (int tick = 0; tick < 320; tick++) {
                stalled.send("{\"type\":\"ping\"}");
                pings++;
                if (tick % 2 == 0) {
                    joinAs(pin, joined.incrementAndGet());
                }
                if (tick % 8 == 7 && ServerMetrics.count(DROPPED, TOO_SLOW) > droppedBefore) {
                    break;
                }
                Thread.sleep(125);
            }
            assertThat(ServerMetrics.count(DROPPED, TOO_SLOW)).as("connections let go as too slow")
                    .isEqualTo(droppedBefore + 1);

            String last = nickname(joined.get());
            reading.await("the roster with " + last, Duration.ofSeconds(10), m -> "state".equals(m.path("type").asText())
                    && m.path("players").findValuesAsText("nickname").contains(last));
            StalledPhone.Received got = stalled.readAll(Duration.ofSeconds(20));
            assertThat(got.closeCode()).as("close code after %s texts: %s", got.texts().size(), got.closeReason())
                    .isEqualTo(1013);
            assertThat(got.closeReason()).isEqualTo("too slow to keep up; reconnect");
            assertThat(got.texts().stream().filter(text -> text.contains("\"type\":\"pong\"")).count())
                    .as("pongs that reached the stalled screen, of %s pings", pings).isLessThan(pings);
            assertThat(reading.closeCode).isNotDone();
        }
    }

    private static void joinAs(String pin, int n) {
        Platform.Reply reply = GameLobbyIT.join(pin, nickname(n));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    /** Nicknames of the longest kind (20 characters), so the rosters are as large as real ones get. */
    private static String nickname(int n) {
        return String.format("Slow player %08d", n);
    }
}
