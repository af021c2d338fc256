package it.quizplatform.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.assertions.LocatorAssertions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A phone on a network that fails the way phones' networks do: a link that dies without a word (Wi-Fi lost, a phone
 * waking up with its NAT mapping gone, so no close ever comes), an answer lost on the way, a connection dropped while
 * the player is choosing. The page notices by itself, says it is reconnecting, and loses nothing the player did.
 * The page's sockets pass through a {@link Relay}, which makes the network fail on cue.
 */
class UnsteadyNetworkBrowserIT {

    @RegisterExtension
    static final Browsers browsers = new Browsers();

    static final LocatorAssertions.IsVisibleOptions QUESTION_OPENS = new LocatorAssertions.IsVisibleOptions().setTimeout(15_000);

    @Test
    void aLinkThatDiedWithoutAWordIsReplacedWhenSilentTooLongOrWhenTheDeviceIsBackOnline() {
        Api.Host host = Api.registerHost("Dead Link Host");
        Api.Game game = Api.newGame(host, Api.publishedQuiz(host, "Dead link", Api.singleChoice("2 + 2?", 60, "4", "5")));
        Person ada = browsers.onPhone("ada");
        ada.page().clock().install();
        Relay relay = Relay.of(ada, Relay.GAME_SOCKETS);
        joins(ada, game, "Ada");

        // The Wi-Fi goes; the phone is left with a socket it believes open. 40 s later (past the 35 s of silence
        // the page allows) it has a new socket, and says it is reconnecting until that one is welcomed.
        relay.last().goDead();
        relay.holdNewLinks();
        ada.page().clock().fastForward(40_000);
        relay.await(ada, Duration.ofSeconds(5), "a new game socket", () -> relay.links().size() == 2);
        org.assertj.core.api.Assertions.assertThat(relay.last().url()).endsWith("/quiz/ws/games/" + game.id());
        assertThat(ada.byTestId("connection")).hasText("Connection lost, reconnecting…");
        ada.screenshot("silent link replaced, reconnecting");
        relay.last().release();
        assertThat(ada.byTestId("connection")).hasText("");
        assertThat(ada.byTestId("lobby")).isVisible();

        // Dead again; this time the device says it is back online: a ping unanswered for 3 s, and a new socket.
        relay.last().goDead();
        ada.page().evaluate("() => window.dispatchEvent(new Event('online'))");
        relay.await(ada, Duration.ofSeconds(8), "a new game socket after 'online'", () -> relay.links().size() == 3);
        assertThat(ada.byTestId("connection")).hasText("Connection lost, reconnecting…");
        relay.last().release();
        assertThat(ada.byTestId("connection")).hasText("");

        Api.control(host, game, "start");
        assertThat(ada.byTestId("option-0")).isVisible(QUESTION_OPENS);
    }

    @Test
    void anAnswerLostOnTheWayIsSentAgainAndCountsOnce() {
        Api.Host host = Api.registerHost("Lost Answer Host");
        Api.Game game = Api.newGame(host, Api.publishedQuiz(host, "Lost answer", Api.singleChoice("2 + 2?", 60, "4", "5")));
        Person ada = browsers.onPhone("ada");
        Relay relay = Relay.of(ada, Relay.GAME_SOCKETS);
        joins(ada, game, "Ada");
        Api.control(host, game, "start");
        assertThat(ada.byTestId("option-0")).isVisible(QUESTION_OPENS);

        // Lost, while the link itself still carries pings: the page waits longer (the server may only be busy), then
        // sends it again on a new connection.
        relay.loseNextFromPage("answer");
        ada.byTestId("option-0").click();

        assertThat(ada.byTestId("answer-status")).hasText("Sending your answer…");
        ada.screenshot("answer on its way");
        relay.await(ada, Duration.ofSeconds(15), "the answer sent again", () -> relay.sentByPage("answer") == 2);
        // Ada is the only player: her answer, once in, closes the question.
        assertThat(ada.byTestId("verdict")).hasText("Correct!");
        ada.screenshot("the answer sent again counted");
        org.assertj.core.api.Assertions.assertThat(relay.sentByPage("answer")).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(relay.links()).hasSize(2);
    }

    @Test
    void anAnswerGivenOnALinkThatDiedIsSentAgainOnANewOne() {
        Api.Host host = Api.registerHost("Dead Answer Host");
        Api.Game game = Api.newGame(host, Api.publishedQuiz(host, "Dead answer", Api.singleChoice("2 + 2?", 60, "4", "5")));
        Person ada = browsers.onPhone("ada");
        Relay relay = Relay.of(ada, Relay.GAME_SOCKETS);
        joins(ada, game, "Ada");
        Api.control(host, game, "start");
        assertThat(ada.byTestId("option-0")).isVisible(QUESTION_OPENS);

        relay.last().goDead();
        ada.byTestId("option-0").click();

        assertThat(ada.byTestId("answer-status")).hasText("Sending your answer…");
        relay.await(ada, Duration.ofSeconds(8), "a new game socket", () -> relay.links().size() == 2);
        assertThat(ada.byTestId("verdict")).hasText("Correct!");
        org.assertj.core.api.Assertions.assertThat(relay.sentByPage("answer")).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(relay.last().fromPage().stream().map(Relay::typeOf))
                .as("on the new socket: the hello, then the answer once welcomed").startsWith("hello", "answer");
    }

    @Test
    void aConnectionDroppedWhileChoosingKeepsWhatWasChosenAndTyped() {
        Api.Host host = Api.registerHost("Choosing Host");
        Api.Game game = Api.newGame(host, Api.publishedQuiz(host, "Choosing",
                Api.multipleChoice("Which are prime?", 60, 2, "2", "3", "4", "9"),
                Api.typeAnswer("Largest ocean?", 60, "Pacific")));
        Person ada = browsers.onPhone("ada");
        Relay relay = Relay.of(ada, Relay.GAME_SOCKETS);
        joins(ada, game, "Ada");
        Api.control(host, game, "start");
        assertThat(ada.byTestId("option-0")).isVisible(QUESTION_OPENS);

        ada.byTestId("option-0").click();
        ada.byTestId("option-1").click();
        relay.last().cut(1013);
        relay.await(ada, Duration.ofSeconds(10), "a new game socket", () -> relay.links().size() == 2);
        assertThat(ada.byTestId("connection")).hasText("");

        assertThat(ada.byTestId("option-0")).hasAttribute("aria-pressed", "true");
        assertThat(ada.byTestId("option-1")).hasAttribute("aria-pressed", "true");
        assertThat(ada.byTestId("option-2")).hasAttribute("aria-pressed", "false");
        assertThat(ada.byTestId("submit-answer")).isEnabled();
        ada.screenshot("back after a drop, still chosen");
        ada.byTestId("submit-answer").click();
        assertThat(ada.byTestId("verdict")).hasText("Correct!");

        Api.control(host, game, "next");
        assertThat(ada.byTestId("typed-answer")).isVisible(QUESTION_OPENS);
        ada.byTestId("typed-answer").fill("Pacif");
        relay.last().cut(1013);
        relay.await(ada, Duration.ofSeconds(10), "another game socket", () -> relay.links().size() == 3);
        assertThat(ada.byTestId("connection")).hasText("");
        assertThat(ada.byTestId("typed-answer")).hasValue("Pacif");
        ada.byTestId("typed-answer").pressSequentially("ic");
        ada.byTestId("submit-answer").click();
        assertThat(ada.byTestId("verdict")).hasText("Correct!");
    }

    private static void joins(Person player, Api.Game game, String nickname) {
        player.open("/play/?pin=" + game.pin());
        player.byTestId("nickname-input").fill(nickname);
        player.byTestId("join-button").click();
        assertThat(player.byTestId("lobby")).isVisible();
    }
}
