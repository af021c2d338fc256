package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static it.quizplatform.QuizAuthoringIT.SINGLE;
import static it.quizplatform.QuizAuthoringIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a server tidies on its own, seen on a second server running quiz-app alone beside the main one (sharing its
 * databases and topics):
 * <ul>
 * <li>A game its host left is ended once nothing has happened to it for {@code GAME_IDLE_END_SECONDS} (here
 * {@value #IDLE_SECONDS} s; the default, two hours, would make a slow test): its players are told, its PIN is free
 * again and its report says why it ended. A game that keeps moving is not ended.</li>
 * <li>A consumer's marks of applied events are dropped once Kafka can no longer hand their record back (the
 * default 45 days), a minute after the start and then hourly; a compacted topic's marks stay.</li>
 * </ul>
 */
public class HousekeepingIT {

    static final int IDLE_SECONDS = 8;

    private static String host;
    private static String quizId;

    /** Marks written before the second server starts, for its first purge. */
    private static final String CONSUMER = "housekeeping-it-" + UUID.randomUUID();
    private static final UUID OLD_MARK = UUID.randomUUID();
    private static final UUID OLD_MARK_OF_A_COMPACTED_TOPIC = UUID.randomUUID();
    private static final UUID RECENT_MARK = UUID.randomUUID();

    @BeforeAll
    static void quizAppThatEndsIdleGamesSoon() {
        mark(OLD_MARK, "quiz-events", Duration.ofDays(50));
        mark(OLD_MARK_OF_A_COMPACTED_TOPIC, "user-events", Duration.ofDays(50));
        mark(RECENT_MARK, "quiz-events", Duration.ofDays(10));
        Platform.control("POST", "/quiz-app-alone/start?GAME_IDLE_END_SECONDS=" + IDLE_SECONDS);
        host = Platform.registerAndLogin(Platform.uniqueEmail("left"), "Leaving Host");
        quizId = QuizAuthoringIT.published(host, "Left Quiz", SINGLE);
    }

    @AfterAll
    static void stopIt() {
        Platform.control("POST", "/quiz-app-alone/stop");
    }

    @Test
    void aGameNothingHappensToIsEndedAndOneThatMovesIsNot() {
        JsonNode left = newGame();
        String leftId = left.get("id").asText();
        JsonNode ada = GameLobbyIT.join(left.get("pin").asText(), "Ada").json();
        JsonNode busy = newGame();

        // Players keep joining the other game every 1.5 s (each join is an event of that game) until its checks are done.
        List<Integer> busyJoins = new CopyOnWriteArrayList<>();
        ScheduledExecutorService joining = Executors.newSingleThreadScheduledExecutor();
        joining.scheduleWithFixedDelay(() -> busyJoins.add(
                GameLobbyIT.join(busy.get("pin").asText(), "Player" + busyJoins.size()).status()), 0, 1500, TimeUnit.MILLISECONDS);
        try (SocketClient adaSocket = SocketClient.player(leftId, ada.get("playerToken").asText())) {
            adaSocket.awaitType("welcome");
            // Ada's screen is told on the main server: the game ended (the second server recorded it). Games other
            // tests left are ended too, the longest idle first, so this one may come a few looks after its limit.
            adaSocket.await("in phase ended", Duration.ofSeconds(60), m -> "ended".equals(m.path("phase").asText()));
            Platform.await("the left game's PIN free again", Duration.ofSeconds(15), () ->
                    GameLobbyIT.join(left.get("pin").asText(), "TooLate").status() == 404 ? Optional.of(true) : Optional.empty());
            JsonNode games = PastGamesIT.list(host, "?scope=mine");
            assertThat(phaseOf(games, leftId)).isEqualTo("ended");
            assertThat(phaseOf(games, busy.get("id").asText())).as("a game players kept joining").isEqualTo("lobby");
        } finally {
            joining.shutdownNow();
        }
        assertThat(busyJoins).isNotEmpty().allMatch(status -> status == 201);
        // Finalized like any other end (after those of the other left games, when a whole suite ran before).
        JsonNode report = Platform.await("the left game's report", Duration.ofSeconds(120), () -> {
            Platform.Reply r = Platform.get("/scoring/api/games/" + leftId + "/report", host);
            return r.status() == 200 ? Optional.of(r.json()) : Optional.empty();
        });
        assertThat(report.get("endReason").asText()).isEqualTo("IDLE");
        send("POST", "/quiz/api/games/" + busy.get("id").asText() + "/end", null, host, null);
    }

    @Test
    void marksOfEventsKafkaCanNoLongerHandBackAreDropped() {
        // The second server's first purge comes 20 s after its start.
        Platform.await("the 50-day-old mark dropped", Duration.ofSeconds(150), () ->
                marks(OLD_MARK) == 0 ? Optional.of(true) : Optional.empty());
        assertThat(marks(RECENT_MARK)).as("a mark of 10 days").isEqualTo(1);
        assertThat(marks(OLD_MARK_OF_A_COMPACTED_TOPIC)).as("a mark of user-events (compacted)").isEqualTo(1);
    }

    private static void mark(UUID eventId, String topic, Duration age) {
        try (Connection c = Platform.database("QUIZ"); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO processed_events (consumer, event_id, event_type, topic, processed_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, CONSUMER);
            insert.setObject(2, eventId);
            insert.setString(3, "game.created");
            insert.setString(4, topic);
            insert.setObject(5, OffsetDateTime.now(ZoneOffset.UTC).minus(age));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long marks(UUID eventId) {
        return Platform.count("QUIZ", "SELECT count(*) FROM processed_events WHERE consumer = ? AND event_id = ?", CONSUMER, eventId);
    }

    private static JsonNode newGame() {
        Platform.Reply created = send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private static String phaseOf(JsonNode page, String gameId) {
        for (JsonNode game : page.get("items")) {
            if (game.get("id").asText().equals(gameId)) {
                return game.get("phase").asText();
            }
        }
        throw new AssertionError("game " + gameId + " not in the host's list: " + page);
    }
}
