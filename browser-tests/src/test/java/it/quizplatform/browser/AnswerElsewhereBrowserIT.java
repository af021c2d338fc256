package it.quizplatform.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A player's answer given on another of their connections (a second tab, or a phone that came back through another
 * server before the answer was decided, whose welcome could not know of it yet) shows as locked in on this page too:
 * the decision reaches every connection of the player, and the page takes it although it sent no answer itself.
 */
class AnswerElsewhereBrowserIT {

    @RegisterExtension
    static final Browsers browsers = new Browsers();

    @Test
    void anAnswerLockedInOnAnotherConnectionShowsAsLockedInHere() throws Exception {
        Api.Host host = Api.registerHost("Elsewhere Host");
        Api.Quiz quiz = Api.publishedQuiz(host, "Elsewhere", Api.singleChoice("2 + 2?", 60, "4", "5"));
        Api.Game game = Api.newGame(host, quiz);
        Person ada = browsers.onPhone("ada");
        ada.open("/play/?pin=" + game.pin());
        ada.byTestId("nickname-input").fill("Ada");
        ada.byTestId("join-button").click();
        assertThat(ada.byTestId("lobby")).isVisible();
        JsonNode player = Api.JSON.readTree((String) ada.page().evaluate("() => sessionStorage.getItem('qp.player')"));
        // A second player, connected and not answering, keeps the question open once Ada's answer is in (the early
        // close waits for every player online).
        String bobsToken = Api.join(game, "Bob").get("playerToken").asText();
        OtherConnection bob = new OtherConnection(game.id());
        bob.send("{\"type\":\"hello\",\"role\":\"player\",\"token\":\"" + bobsToken + "\"}");
        bob.await("welcome");

        Api.post("/quiz/api/games/" + game.id() + "/start", null, host.accessToken()).expect(200, "starting the game");
        assertThat(ada.byTestId("option-0")).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions
                .IsVisibleOptions().setTimeout(15_000));

        try (OtherConnection other = new OtherConnection(game.id())) {
            other.send("{\"type\":\"hello\",\"role\":\"player\",\"token\":\"" + player.get("playerToken").asText() + "\"}");
            JsonNode welcome = other.await("welcome");
            String four = welcome.get("question").get("options").get(0).get("id").asText();
            other.send("{\"type\":\"answer\",\"questionIndex\":0,\"optionIds\":[\"" + four + "\"]}");
            other.await("answer-accepted");
        }

        assertThat(ada.byTestId("answer-status")).hasText("Answer locked in.");
        assertThat(ada.byTestId("option-0")).isHidden();
        ada.screenshot("locked in by another connection");
        bob.close();
    }

    /** The player's second connection, over plain java.net.http: no page, so nothing of the page's own doing. */
    private static final class OtherConnection implements WebSocket.Listener, AutoCloseable {

        private final java.util.List<JsonNode> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private final WebSocket socket;

        OtherConnection(String gameId) throws Exception {
            URI uri = URI.create(Browsers.baseUrl().replaceFirst("^http", "ws") + "/quiz/ws/games/" + gameId);
            socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, this).get(10, TimeUnit.SECONDS);
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }

        JsonNode await(String type) throws InterruptedException {
            long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < until) {
                for (JsonNode message : received) {
                    if (type.equals(message.path("type").asText())) {
                        return message;
                    }
                }
                Thread.sleep(50);
            }
            throw new AssertionError("no " + type + " within 15 s; received " + received);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(Api.JSON.readTree(partial.toString()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }
}
