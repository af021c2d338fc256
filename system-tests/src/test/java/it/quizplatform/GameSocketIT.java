package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static it.quizplatform.QuizAuthoringIT.SINGLE;
import static it.quizplatform.QuizAuthoringIT.TRUE_FALSE;
import static it.quizplatform.QuizAuthoringIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/** The live game over real WebSocket connections: host and players, server timers, the answer leak check, reconnect. */
public class GameSocketIT {

    private static String host;
    private static String quizId;

    @BeforeAll
    static void publishedQuiz() {
        host = Platform.registerAndLogin(Platform.uniqueEmail("wshost"), "Socket Host");
        quizId = QuizAuthoringIT.published(host, "Socket Quiz", QuizAuthoringIT.timed(SINGLE, 5), TRUE_FALSE);
    }

    private static JsonNode newGame() {
        return send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null).json();
    }

    private static JsonNode join(JsonNode game, String nickname) {
        return GameLobbyIT.join(game.get("pin").asText(), nickname).json();
    }

    @Test
    void aWholeGameWithAHostAndTwoPlayersAndNoAnswerLeak() {
        JsonNode game = newGame();
        String gameId = game.get("id").asText();
        JsonNode ada = join(game, "Ada");
        JsonNode bob = join(game, "Bob");

        try (SocketClient hostSocket = SocketClient.host(gameId, host);
             SocketClient adaSocket = SocketClient.player(gameId, ada.get("playerToken").asText());
             SocketClient bobSocket = SocketClient.player(gameId, bob.get("playerToken").asText())) {
            JsonNode hostWelcome = hostSocket.awaitType("welcome");
            assertThat(hostWelcome.get("pin").asText()).isEqualTo(game.get("pin").asText());
            assertThat(hostWelcome.get("players").findValuesAsText("nickname")).containsExactlyInAnyOrder("Ada", "Bob");
            JsonNode adaWelcome = adaSocket.awaitType("welcome");
            assertThat(adaWelcome.get("phase").asText()).isEqualTo("lobby");
            assertThat(adaWelcome.get("you").get("nickname").asText()).isEqualTo("Ada");
            assertThat(adaWelcome.has("players")).as("players don't get the lobby list").isFalse();

            hostSocket.send("{\"type\":\"start\"}");
            JsonNode preview = adaSocket.awaitPhase("preview");
            assertThat(preview.get("question").get("text").asText()).isEqualTo("Capital of France?");
            assertThat(preview.get("question").has("options")).as("the preview shows the text only").isFalse();

            JsonNode open = bobSocket.awaitPhase("open");
            assertThat(open.get("question").get("options").findValuesAsText("text")).containsExactly("Paris", "Lyon");
            assertThat(open.get("secondsLeft").asInt()).isBetween(3, 5);

            JsonNode closed = adaSocket.awaitPhase("closed");
            assertThat(closed.get("correct").get("optionIds").get(0).asText()).isEqualTo(open.get("question").get("options").get(0).get("id").asText());

            // The leak check: nothing a player received before the close mentions which option is correct.
            for (SocketClient player : new SocketClient[]{adaSocket, bobSocket}) {
                for (String message : player.received) {
                    if (message.contains("\"phase\":\"closed\"")) {
                        break;
                    }
                    assertThat(message).doesNotContain("correct").doesNotContain("Paris\",\"correct");
                }
            }

            hostSocket.send("{\"type\":\"next\"}");
            assertThat(adaSocket.awaitPhase("preview").get("questionIndex").asInt()).isEqualTo(1);
            hostSocket.send("{\"type\":\"skip\"}");
            JsonNode skipped = bobSocket.awaitPhase("closed");
            assertThat(skipped.get("correct").get("optionIds")).hasSize(1);
            hostSocket.send("{\"type\":\"next\"}");
            assertThat(adaSocket.awaitPhase("ended").get("phase").asText()).isEqualTo("ended");
            assertThat(hostSocket.awaitPhase("ended").get("phase").asText()).isEqualTo("ended");
        }
    }

    @Test
    void aPlayerWhoReconnectsGetsTheCurrentStateBack() throws Exception {
        JsonNode game = newGame();
        String gameId = game.get("id").asText();
        JsonNode ada = join(game, "Ada");
        String token = ada.get("playerToken").asText();
        try (SocketClient hostSocket = SocketClient.host(gameId, host)) {
            hostSocket.awaitType("welcome");
            SocketClient first = SocketClient.player(gameId, token);
            first.awaitType("welcome");
            hostSocket.send("{\"type\":\"start\"}");
            first.awaitPhase("open");
            first.close();

            try (SocketClient again = SocketClient.player(gameId, token)) {
                JsonNode welcome = again.awaitType("welcome");
                assertThat(welcome.get("phase").asText()).isEqualTo("open");
                assertThat(welcome.get("questionIndex").asInt()).isZero();
                assertThat(welcome.get("secondsLeft").asInt()).isBetween(0, 5);
                assertThat(welcome.get("you").get("playerId").asText()).isEqualTo(ada.get("playerId").asText());
                assertThat(welcome.get("question").has("options")).isTrue();
                assertThat(welcome.toString()).doesNotContain("correct");
            }
            assertThat(send("GET", "/quiz/api/games/" + gameId, null, host, null).json().get("playerCount").asInt())
                    .as("no duplicate player").isEqualTo(1);
        }
    }

    @Test
    void aBigScreenReloadedAndAPhoneBackAfterTheCloseGetTheResultsAgain() {
        JsonNode game = newGame();
        String gameId = game.get("id").asText();
        String token = join(game, "Ada").get("playerToken").asText();
        try (SocketClient hostSocket = SocketClient.host(gameId, host)) {
            hostSocket.awaitType("welcome");
            try (SocketClient phone = SocketClient.player(gameId, token)) {
                phone.awaitType("welcome");
                hostSocket.send("{\"type\":\"start\"}");
                JsonNode open = phone.awaitPhase("open");
                phone.send(AnswersIT.answer(0, open.get("question").get("options").get(0).get("id").asText()));
                phone.awaitType("answer-accepted");
                hostSocket.awaitType("results");
            }
        }
        // The results went out once, at the close; a screen that comes after it would show "counting the answers".
        try (SocketClient reloaded = SocketClient.host(gameId, host);
             SocketClient back = SocketClient.player(gameId, token)) {
            assertThat(reloaded.awaitType("welcome").get("phase").asText()).isEqualTo("closed");
            JsonNode results = reloaded.awaitType("results");
            assertThat(results.get("questionIndex").asInt()).isZero();
            assertThat(results.get("answered").asInt()).isEqualTo(1);
            assertThat(results.get("correctCount").asInt()).isEqualTo(1);
            assertThat(back.awaitType("welcome").get("phase").asText()).isEqualTo("closed");
            JsonNode mine = back.awaitType("results");
            assertThat(mine.get("answered").asInt()).isEqualTo(1);
            assertThat(mine.get("yourAnswer").get("correct").asBoolean()).as(mine.toString()).isTrue();
        }
    }

    @Test
    void badMessagesGetClearErrorsAndChangeNothing() throws Exception {
        JsonNode game = newGame();
        String gameId = game.get("id").asText();
        JsonNode ada = join(game, "Ada");
        JsonNode otherGame = newGame();
        JsonNode stranger = join(otherGame, "Stranger");

        try (SocketClient socket = SocketClient.connect(gameId)) {
            socket.send("{\"type\":\"start\"}");
            assertThat(socket.awaitType("error").get("code").asText()).isEqualTo("hello-first");
            socket.send("{\"type\":\"hello\",\"role\":\"player\",\"token\":\"" + stranger.get("playerToken").asText() + "\"}");
            assertThat(socket.awaitType("error").get("code").asText()).isEqualTo("wrong-game");
            socket.send("{\"type\":\"hello\",\"role\":\"host\",\"token\":\"forged.token.here\"}");
            assertThat(socket.awaitType("error").get("code").asText()).isEqualTo("invalid-token");
            socket.send("{\"type\":\"hello\",\"role\":\"player\",\"token\":\"" + ada.get("playerToken").asText() + "\"}");
            socket.awaitType("welcome");

            socket.send("{not json");
            assertThat(socket.awaitType("error").get("code").asText()).isEqualTo("malformed");
            socket.send("{\"type\":\"launch-missiles\"}");
            assertThat(socket.awaitType("error").get("code").asText()).isEqualTo("unknown-type");
            socket.send("{\"type\":\"start\"}");
            assertThat(socket.awaitType("error").get("code").asText()).isEqualTo("host-only");
            socket.send("{\"type\":\"ping\"}");
            assertThat(socket.awaitType("pong").has("serverTime")).as("the connection survived").isTrue();
            assertThat(send("GET", "/quiz/api/games/" + gameId, null, host, null).json().get("phase").asText()).isEqualTo("lobby");

            String stranger2 = Platform.registerAndLogin(Platform.uniqueEmail("notthehost"), "Not The Host");
            try (SocketClient notHost = SocketClient.host(gameId, stranger2)) {
                assertThat(notHost.awaitType("error").get("code").asText()).isEqualTo("not-your-game");
            }

            socket.send("{\"type\":\"ping\",\"padding\":\"" + "x".repeat(5000) + "\"}");
            assertThat(socket.closeCode.get(10, TimeUnit.SECONDS)).as("over the size limit").isEqualTo(1009);
        }
    }

    @Test
    void aKickedPlayerIsDisconnectedAndCanNotComeBack() throws Exception {
        JsonNode game = newGame();
        String gameId = game.get("id").asText();
        JsonNode ada = join(game, "Ada");
        try (SocketClient hostSocket = SocketClient.host(gameId, host);
             SocketClient adaSocket = SocketClient.player(gameId, ada.get("playerToken").asText())) {
            hostSocket.awaitType("welcome");
            adaSocket.awaitType("welcome");
            hostSocket.send("{\"type\":\"kick\",\"playerId\":\"" + ada.get("playerId").asText() + "\"}");
            assertThat(adaSocket.awaitType("kicked").get("message").asText()).contains("removed");
            assertThat(adaSocket.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
            assertThat(hostSocket.await("lobby without Ada", java.time.Duration.ofSeconds(10),
                    m -> m.path("playerCount").asInt(-1) == 0).get("players")).isEmpty();
        }
        try (SocketClient back = SocketClient.player(gameId, ada.get("playerToken").asText())) {
            back.awaitType("kicked");
            assertThat(back.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        }
    }

    /**
     * A hello the server cannot serve right now (here the database is out, so the game cannot be read) is told to come
     * back (1013), as browsers do after any close but 1008, instead of waiting for a welcome that never comes; once
     * the database is back the same hello is welcomed.
     */
    @Test
    void aHelloTheServerCannotServeIsToldToComeBack() throws Exception {
        JsonNode game = newGame();
        String gameId = game.get("id").asText();
        Platform.control("POST", "/postgres/stop");
        try (SocketClient hostSocket = SocketClient.host(gameId, host)) {
            assertThat(hostSocket.closeCode.get(30, TimeUnit.SECONDS)).as("the hello's close code").isEqualTo(1013);
            assertThat(hostSocket.closeReason.get()).isEqualTo("try again");
            assertThat(hostSocket.received).as("nothing but the close").isEmpty();
        } finally {
            Platform.control("POST", "/postgres/start");
        }
        Platform.await("the services ready again", java.time.Duration.ofSeconds(90), () ->
                Platform.get("/health/ready").status() == 200 ? java.util.Optional.of(true) : java.util.Optional.empty());
        try (SocketClient back = SocketClient.host(gameId, host)) {
            assertThat(back.awaitType("welcome").get("pin").asText()).isEqualTo(game.get("pin").asText());
        }
    }

    /** A game is known by its id's canonical spelling only; the same id in capitals is that spelling, case aside. */
    @Test
    void aGameIdNotWrittenAsAUuidIsNoGameAndCapitalsAreTheSameGame() throws Exception {
        JsonNode game = newGame();
        String gameId = game.get("id").asText();
        // A fullwidth digit (percent-encoded in the path): UUID.fromString would read it as the same id.
        String fullwidth = gameId.replaceFirst("[0-9]", "%EF%BC%91");
        for (String other : new String[]{"1-1-1-1-1", fullwidth}) {
            try (SocketClient odd = SocketClient.connect(other)) {
                assertThat(odd.closeCode.get(10, TimeUnit.SECONDS)).as(other).isEqualTo(1008);
                assertThat(odd.closeReason.get()).isEqualTo("unknown game");
            }
        }
        try (SocketClient upper = SocketClient.host(gameId.toUpperCase(java.util.Locale.ROOT), host);
             SocketClient lower = SocketClient.host(gameId, host)) {
            upper.awaitType("welcome");
            lower.awaitType("welcome");
            assertThat(GameLobbyIT.join(game.get("pin").asText(), "Ada").status()).isEqualTo(201);
            // One room for both spellings: the lobby's news reaches the screen that came in capitals too.
            upper.await("the roster with Ada", java.time.Duration.ofSeconds(10), m -> "state".equals(m.path("type").asText())
                    && m.path("players").findValuesAsText("nickname").contains("Ada"));
        }
    }
}
