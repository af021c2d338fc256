package it.quizplatform.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a player is told when joining goes wrong: a PIN of no game, a nickname someone already has. The page joins on
 * the join socket, so a refusal is a message on it, not a failed request, and the next try goes on the same socket.
 * A join lost on the network is not lost to the player: one that was answered plays on as that player, one that was
 * not gives the form back. And a tab that played one game joins the next one, not the old one again.
 */
class JoiningBrowserIT {

    @RegisterExtension
    static final Browsers browsers = new Browsers();

    @Test
    void aWrongPinIsExplainedNextToThePinField() {
        Person ada = browsers.onPhone("ada");

        ada.open("/play/?pin=000001");
        ada.byTestId("nickname-input").fill("Ada");
        ada.byTestId("join-button").click();

        assertThat(ada.byTestId("pin-error")).hasText("No game is running with this PIN. Check the PIN on the big screen.");
        assertThat(ada.byTestId("pin-input")).hasAttribute("aria-invalid", "true");
        ada.screenshot("wrong PIN");
        ada.seesAnAccessiblePage("join form with a wrong PIN");
    }

    @Test
    void aTakenNicknameIsExplainedInThePlayersLanguage() {
        Api.Host host = Api.registerHost("Joining Host");
        Api.Game game = Api.newGame(host, Api.publishedQuiz(host, "Joining", Api.singleChoice("One?", 20, "Yes", "No")));
        Person ada = browsers.onPhone("ada");
        Person lan = browsers.onPhone("lan", "vi-VN");
        java.util.List<String> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
        lan.page().onWebSocket(socket -> sockets.add(socket.url()));

        ada.open("/play/?pin=" + game.pin());
        ada.byTestId("nickname-input").fill("Ada");
        ada.byTestId("join-button").click();
        assertThat(ada.byTestId("lobby")).isVisible();

        lan.open("/play/?pin=" + game.pin());
        lan.byTestId("nickname-input").fill("ada");
        lan.byTestId("join-button").click();
        assertThat(lan.byTestId("nickname-error"))
                .hasText("Đã có người trong trò chơi dùng biệt danh này. Hãy chọn biệt danh khác.");
        lan.screenshot("nickname taken, in Vietnamese");
        lan.seesAnAccessiblePage("join form with a taken nickname");

        lan.byTestId("nickname-input").fill("Lan");
        lan.byTestId("join-button").click();
        assertThat(lan.byTestId("lobby")).isVisible();
        org.assertj.core.api.Assertions.assertThat(sockets).as("one socket from the first try to the lobby")
                .singleElement().asString().endsWith("/quiz/ws/join");
    }

    @Test
    void aPlayerWhoseGameIsOverJoinsTheNextOneInTheSameTab() {
        Api.Host host = Api.registerHost("Two Games Host");
        Api.Quiz quiz = Api.publishedQuiz(host, "Twice", Api.singleChoice("One?", 20, "Yes", "No"));
        Api.Game first = Api.newGame(host, quiz);
        Api.Game second = Api.newGame(host, quiz);
        Person ada = browsers.onPhone("ada");
        joins(ada, first, "Ada");

        Api.control(host, first, "end");
        assertThat(ada.byTestId("ended")).isVisible();
        ada.screenshot("first game over");
        ada.byTestId("play-again").click();
        ada.byTestId("pin-input").fill(second.pin());
        ada.byTestId("join-button").click();

        assertThat(ada.byTestId("nickname-input")).isVisible();
        assertThat(ada.byTestId("pin-input")).hasValue(second.pin());
        ada.screenshot("joining the second game");
        joinsWithTheFormShown(ada, "Ada");
        ada.page().reload();
        assertThat(ada.byTestId("lobby")).isVisible();
        org.assertj.core.api.Assertions.assertThat(Api.game(host, second).get("players")).hasSize(1);
    }

    @Test
    void aNewPinInTheAddressJoinsThatGameNotTheOneThisTabPlays() {
        Api.Host host = Api.registerHost("New PIN Host");
        Api.Quiz quiz = Api.publishedQuiz(host, "Another", Api.singleChoice("One?", 20, "Yes", "No"));
        Api.Game first = Api.newGame(host, quiz);
        Api.Game second = Api.newGame(host, quiz);
        Person ada = browsers.onPhone("ada");
        joins(ada, first, "Ada");

        // The next class's QR code, scanned into the same tab.
        ada.open("/play/?pin=" + second.pin());

        assertThat(ada.byTestId("nickname-input")).isVisible();
        assertThat(ada.byTestId("pin-input")).hasValue(second.pin());
        joinsWithTheFormShown(ada, "Ada");
    }

    @Test
    void aJoinSocketLostBetweenJoinedAndWelcomePlaysOnAsThatPlayer() throws Exception {
        Api.Host host = Api.registerHost("Lost Join Host");
        Api.Game game = Api.newGame(host, Api.publishedQuiz(host, "Lost join", Api.singleChoice("One?", 20, "Yes", "No")));
        Person ada = browsers.onPhone("ada");
        Relay relay = Relay.of(ada, Relay.JOIN_SOCKET);
        relay.cutAfterFromServer("joined", 1013);

        joins(ada, game, "Ada");

        assertThat(ada.byTestId("my-nickname")).hasText("Ada");
        ada.screenshot("in the lobby after the join socket dropped");
        JsonNode joined = Api.JSON.readTree(relay.links().get(0).fromServer().get(0));
        JsonNode saved = Api.JSON.readTree((String) ada.page().evaluate("() => sessionStorage.getItem('qp.player')"));
        org.assertj.core.api.Assertions.assertThat(saved.get("playerId").asText()).isEqualTo(joined.get("playerId").asText());
        JsonNode players = Api.game(host, game).get("players");
        org.assertj.core.api.Assertions.assertThat(players).hasSize(1);
        Api.control(host, game, "start");
        assertThat(ada.byTestId("preview")).isVisible();
    }

    @Test
    void aJoinThatGetsNoAnswerGivesTheFormBack() {
        Api.Host host = Api.registerHost("Silent Join Host");
        Api.Game game = Api.newGame(host, Api.publishedQuiz(host, "Silent join", Api.singleChoice("One?", 20, "Yes", "No")));
        Person ada = browsers.onPhone("ada");
        ada.page().clock().install();
        Relay relay = Relay.of(ada, Relay.JOIN_SOCKET);
        relay.loseNextFromPage("join");
        ada.open("/play/?pin=" + game.pin());
        ada.byTestId("nickname-input").fill("Ada");
        ada.byTestId("join-button").click();
        relay.await(ada, Duration.ofSeconds(10), "the join sent", () -> relay.sentByPage("join") == 1);
        relay.last().goDead();
        assertThat(ada.byTestId("join-button")).isDisabled();

        ada.page().clock().fastForward(11_000);

        assertThat(ada.byTestId("join-button")).isEnabled();
        assertThat(ada.byTestId("join-error")).hasText("The network is not answering. Check your connection and try again.");
        ada.screenshot("no answer to the join");
        ada.seesAnAccessiblePage("join form after a join without answer");
        ada.byTestId("join-button").click();
        assertThat(ada.byTestId("lobby")).isVisible();
        org.assertj.core.api.Assertions.assertThat(relay.links()).hasSize(2);
    }

    @Test
    void aJoinAnsweredAfterTheFormCameBackStillCounts() {
        UnansweredJoin join = adaJoinsAndHearsNothingFor11Seconds("Late join");
        Person ada = join.ada();
        Relay relay = join.relay();
        assertThat(ada.byTestId("join-error")).hasText("The network is not answering. Check your connection and try again.");

        // The server's answer comes late, on the socket the page still listens to: the player is in the game.
        relay.last().release();
        assertThat(ada.byTestId("lobby")).isVisible();
        assertThat(ada.byTestId("my-nickname")).hasText("Ada");
        org.assertj.core.api.Assertions.assertThat(Api.game(join.host(), join.game()).get("players")).hasSize(1);
    }

    @Test
    void aSecondTryWhileTheFirstJoinIsUnansweredIsNotASecondJoin() {
        UnansweredJoin join = adaJoinsAndHearsNothingFor11Seconds("Second try");
        Person ada = join.ada();
        Relay relay = join.relay();

        // Tapped again: asked on the same socket, which answers now.
        ada.byTestId("join-button").click();
        relay.last().release();
        assertThat(ada.byTestId("lobby")).isVisible();
        assertThat(ada.byTestId("my-nickname")).hasText("Ada");
        org.assertj.core.api.Assertions.assertThat(relay.links()).as("one join socket").hasSize(1);
        org.assertj.core.api.Assertions.assertThat(Api.game(join.host(), join.game()).get("players")).hasSize(1);
    }

    /** A join the server committed, whose answer the relay holds, on a phone whose clock is 11 s on. */
    private record UnansweredJoin(Api.Host host, Api.Game game, Person ada, Relay relay) {
    }

    private UnansweredJoin adaJoinsAndHearsNothingFor11Seconds(String quizTitle) {
        Api.Host host = Api.registerHost(quizTitle + " Host");
        Api.Game game = Api.newGame(host, Api.publishedQuiz(host, quizTitle, Api.singleChoice("One?", 20, "Yes", "No")));
        Person ada = browsers.onPhone("ada");
        ada.page().clock().install();
        Relay relay = Relay.of(ada, Relay.JOIN_SOCKET);
        relay.holdNewLinks();
        ada.open("/play/?pin=" + game.pin());
        ada.byTestId("nickname-input").fill("Ada");
        ada.byTestId("join-button").click();
        relay.await(ada, Duration.ofSeconds(10), "the join committed",
                () -> !relay.links().isEmpty() && relay.last().fromServer().size() >= 2);
        ada.page().clock().fastForward(11_000);
        assertThat(ada.byTestId("join-button")).isEnabled();
        return new UnansweredJoin(host, game, ada, relay);
    }

    private static void joins(Person player, Api.Game game, String nickname) {
        player.open("/play/?pin=" + game.pin());
        joinsWithTheFormShown(player, nickname);
    }

    private static void joinsWithTheFormShown(Person player, String nickname) {
        player.byTestId("nickname-input").fill(nickname);
        player.byTestId("join-button").click();
        assertThat(player.byTestId("lobby")).isVisible();
    }
}
