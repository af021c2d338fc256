package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static it.quizplatform.QuizAuthoringIT.SINGLE;
import static it.quizplatform.QuizAuthoringIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host's game socket is as good as the token of its hello, asked again before every command and every 30 s, as a
 * REST call's is on every call (docs/PROTOCOL.md, "Host commands"): once the host has logged out (or had every session
 * ended), the socket commands nothing, is told {@code invalid-token} and is closed with 1008; once the token was
 * renewed, the socket is closed with 1013 and the page comes back with the new token to the game as it was.
 */
class HostSocketSessionIT {

    @Test
    void aHostWhoLoggedOutCommandsNothingOnTheSocketOpenedBefore() throws Exception {
        String gameId;
        try (LoggedOut loggedOut = screenOfAHostWhoLogsOut("session-host")) {
            SocketClient screen = loggedOut.screen();
            gameId = loggedOut.gameId();
            screen.send("{\"type\":\"start\"}");
            JsonNode refused = screen.awaitType("error");
            assertThat(refused.get("code").asText()).isEqualTo("invalid-token");
            assertThat(refused.get("field").asText()).isEqualTo("token");
            assertThat(screen.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
            assertThat(screen.closeReason.get()).isEqualTo("session ended");
        }
        assertThat(phase(gameId)).as("the start was not run").isEqualTo("lobby");
    }

    @Test
    void aScreenThatOnlyListensIsLetGoWithinHalfAMinuteOfTheLogout() throws Exception {
        try (LoggedOut loggedOut = screenOfAHostWhoLogsOut("session-screen")) {
            SocketClient screen = loggedOut.screen();
            // The sweep runs every 30 s: within 45 s of the logout (its own run and a busy machine's lag included)
            // the screen is told and let go, with nothing sent.
            JsonNode told = screen.await("invalid-token", Duration.ofSeconds(45),
                    m -> "error".equals(m.path("type").asText()));
            assertThat(told.get("code").asText()).isEqualTo("invalid-token");
            assertThat(screen.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        }
    }

    @Test
    void aRenewedTokenSendsTheScreenBackWithTheNewOneToTheSameGame() throws Exception {
        String host = Platform.registerAndLogin(Platform.uniqueEmail("session-renew"), "Session Renew");
        Game game = gameOf(host);
        assertThat(GameLobbyIT.join(game.pin(), "Ada").status()).isEqualTo(201);
        String renewed;
        try (SocketClient screen = SocketClient.host(game.id(), host)) {
            screen.awaitType("welcome");
            Platform.Reply refreshed = Platform.sendJson("POST", "/user/api/sessions/refresh", null, host);
            assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
            renewed = refreshed.json().get("accessToken").asText();

            // A command on the socket of the old token: not run, and the socket is let go with "come back" (1013).
            screen.send("{\"type\":\"start\"}");
            assertThat(screen.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1013);
            assertThat(screen.closeReason.get()).isEqualTo("token renewed or expired; reconnect");
            assertThat(screen.received).noneMatch(m -> m.contains("\"type\":\"error\""));
        }
        assertThat(phase(game.id())).isEqualTo("lobby");
        // A page that says hello again before it has stored the new token is sent back the same way, not refused.
        try (SocketClient early = SocketClient.host(game.id(), host)) {
            assertThat(early.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1013);
            assertThat(early.closeReason.get()).isEqualTo("token renewed or expired; reconnect");
        }

        try (SocketClient again = SocketClient.host(game.id(), renewed)) {
            JsonNode welcome = again.awaitType("welcome");
            assertThat(welcome.get("players").findValuesAsText("nickname")).containsExactly("Ada");
            again.send("{\"type\":\"start\"}");
            again.awaitPhase("preview");
        }
    }

    private record Game(String id, String pin) {
    }

    /** A host's big screen, welcomed, whose host has then logged out on another device. */
    private record LoggedOut(SocketClient screen, String gameId) implements AutoCloseable {
        @Override
        public void close() {
            screen.close();
        }
    }

    private static LoggedOut screenOfAHostWhoLogsOut(String name) {
        String host = Platform.registerAndLogin(Platform.uniqueEmail(name), "Host " + name);
        Game game = gameOf(host);
        SocketClient screen = SocketClient.host(game.id(), host);
        screen.awaitType("welcome");
        logOut(host);
        return new LoggedOut(screen, game.id());
    }

    /** A game of a quiz of the host's own (only its owner may host a quiz: a game shows its answers). */
    private static Game gameOf(String host) {
        String quizId = QuizAuthoringIT.published(host, "Session Quiz", SINGLE);
        JsonNode game = send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null).json();
        return new Game(game.get("id").asText(), game.get("pin").asText());
    }

    private static void logOut(String host) {
        assertThat(Platform.sendJson("DELETE", "/user/api/sessions/current", null, host).status()).isEqualTo(204);
    }

    private static String phase(String gameId) {
        return send("GET", "/quiz/api/games/" + gameId, null, Platform.adminToken(), null).json().get("phase").asText();
    }
}
