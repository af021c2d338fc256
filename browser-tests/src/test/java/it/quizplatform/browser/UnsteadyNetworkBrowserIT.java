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
    void anAnswerWhoseReplyIsSlowWaitsOnTheSameConnection() {
        AtTheFirstQuestion at = firstQuestion("Slow reply", true, Api.singleChoice("2 + 2?", 60, "4", "5"));
        Api.Host host = at.host();
        Api.Game game = at.game();
        Person ada = at.ada();
        Person bob = at.bob();
        Relay relay = at.relay();

        // A server slow to reply (a burst of answers, a GC): its pong comes back, so the answer was read; reconnecting
        // would not make the reply come sooner. The page says "sending" and waits on the same socket.
        relay.holdFromServer("answer-received", "answer-accepted");
        ada.byTestId("option-0").click();
        assertThat(ada.byTestId("answer-status")).hasText("Sending your answer…");
        relay.await(ada, Duration.ofSeconds(5), "the server's reply, held",
                () -> relay.last().fromServer().stream().map(Relay::typeOf).anyMatch("answer-received"::equals));
        for (int i = 0; i < 5; i++) {
            ada.page().clock().fastForward(4_000);
            ada.page().waitForTimeout(100);
        }
        assertThat(ada.byTestId("answer-status")).hasText("Sending your answer…");
        org.assertj.core.api.Assertions.assertThat(relay.links()).as("no reconnection").hasSize(1);
        org.assertj.core.api.Assertions.assertThat(relay.sentByPage("answer")).isEqualTo(1);

        relay.stopHolding();
        assertThat(ada.byTestId("answer-status")).hasText("Answer locked in.");
        Api.control(host, game, "skip");
        assertThat(ada.byTestId("verdict")).hasText("Correct!");
    }

    @Test
    void aLateDecisionOfTheLastQuestionIsNotTakenForTheAnswerToThisOne() {
        AtTheFirstQuestion at = firstQuestion("Late decision", false, Api.singleChoice("2 + 2?", 60, "4", "5"),
                Api.singleChoice("3 + 3?", 60, "6", "7"));
        Api.Host host = at.host();
        Api.Game game = at.game();
        Person ada = at.ada();
        Person bob = at.bob();
        Relay relay = at.relay();

        relay.holdFromServer("answer-received", "answer-accepted");
        ada.byTestId("option-0").click();
        assertThat(ada.byTestId("answer-status")).hasText("Sending your answer…");
        relay.await(ada, Duration.ofSeconds(5), "the first answer's replies, held",
                () -> relay.last().fromServer().stream().map(Relay::typeOf).filter("answer-accepted"::equals).count() == 1);
        Api.control(host, game, "skip");
        assertThat(ada.byTestId("closed")).isVisible();
        Api.control(host, game, "next");
        assertThat(ada.byTestId("option-0")).isVisible(QUESTION_OPENS);
        ada.byTestId("option-0").click();
        assertThat(ada.byTestId("answer-status")).hasText("Sending your answer…");

        // The first question's receipt and decision come now (Kafka back after the host moved on): they are not the
        // second answer's.
        relay.releaseHeld(0);
        ada.page().waitForTimeout(1_000);
        assertThat(ada.byTestId("answer-status")).hasText("Sending your answer…");
        relay.await(ada, Duration.ofSeconds(10), "the second answer's replies, held",
                () -> relay.last().fromServer().stream().map(Relay::typeOf).filter("answer-accepted"::equals).count() == 2);
        relay.releaseHeld(1);
        assertThat(ada.byTestId("answer-status")).hasText("Answer locked in.");
        relay.stopHolding();
    }

    @Test
    void aWelcomeThatHasNotHeardOfAReceivedAnswerDoesNotOfferTheOptionsAgain() {
        AtTheFirstQuestion at = firstQuestion("Forgetful welcome", false, Api.singleChoice("2 + 2?", 60, "4", "5"));
        Api.Host host = at.host();
        Api.Game game = at.game();
        Person ada = at.ada();
        Person bob = at.bob();
        Relay relay = at.relay();

        // Received, and then the link dies (the decision never reaches this socket); the welcome on the new one
        // comes from an instance that has not read the decision yet: answered false.
        relay.dieAfterFromServer("answer-received");
        ada.byTestId("option-0").click();
        assertThat(ada.byTestId("answer-status")).hasText("Answer sent, being checked…");
        relay.forgetAnswerInNextWelcome();
        ada.page().evaluate("() => window.dispatchEvent(new Event('online'))");
        relay.await(ada, Duration.ofSeconds(10), "a new game socket, welcomed", () -> relay.links().size() == 2
                && relay.last().fromServer().stream().map(Relay::typeOf).anyMatch("welcome"::equals));
        assertThat(ada.byTestId("connection")).hasText("");
        ada.page().waitForTimeout(500);
        assertThat(ada.byTestId("answer-status")).hasText("Answer sent, being checked…");
        assertThat(ada.byTestId("option-0")).hasCount(0);
        org.assertj.core.api.Assertions.assertThat(relay.sentByPage("answer")).isEqualTo(1);

        Api.control(host, game, "skip");
        assertThat(ada.byTestId("verdict")).hasText("Correct!");
    }

    @Test
    void anAnswerWhoseReceiptWasLostIsSentAgainKeptAndCountedOnce() throws Exception {
        AtTheFirstQuestion at = firstQuestion("Lost receipt", false, Api.singleChoice("2 + 2?", 60, "4", "5"));
        Api.Host host = at.host();
        Api.Game game = at.game();
        Person ada = at.ada();
        Person bob = at.bob();
        Relay relay = at.relay();

        // The answer reaches the server; its answer-received is lost, its decision late, and then the link dies.
        relay.loseNextFromServer("answer-received");
        relay.holdFromServer("answer-accepted");
        ada.byTestId("option-0").click();
        relay.await(ada, Duration.ofSeconds(5), "the server's answer-received",
                () -> relay.last().fromServer().stream().map(Relay::typeOf).anyMatch("answer-received"::equals));
        assertThat(ada.byTestId("answer-status")).hasText("Sending your answer…");
        relay.last().goDead();
        // The new socket's welcome comes from an instance that has not read the answer yet: the page sends it again,
        // and the server refuses it as already answered: the first one counts.
        relay.forgetAnswerInNextWelcome();
        ada.page().evaluate("() => window.dispatchEvent(new Event('online'))");
        relay.await(ada, Duration.ofSeconds(10), "the answer sent again", () -> relay.sentByPage("answer") == 2);
        relay.await(ada, Duration.ofSeconds(10), "the resend refused", () -> relay.last().fromServer().stream()
                .anyMatch(frame -> "answer-refused".equals(Relay.typeOf(frame)) && frame.contains("already-answered")));
        assertThat(ada.byTestId("answer-status")).hasText("Your answer is in. Wait for the results.");
        ada.screenshot("receipt lost, the resend refused, the answer kept");

        Api.control(host, game, "skip");
        assertThat(ada.byTestId("verdict")).hasText("Correct!");
        assertThat(ada.byTestId("score-points")).isVisible(QUESTION_OPENS);
        String points = ada.byTestId("score-points").textContent().replaceAll("[^0-9]", "");
        org.assertj.core.api.Assertions.assertThat(Integer.parseInt(points)).isPositive();
        assertThat(ada.byTestId("my-total")).hasText(ada.byTestId("score-points").textContent().replace("+", ""));
        String results = relay.last().fromServer().stream().filter(frame -> "results".equals(Relay.typeOf(frame))).findFirst().orElseThrow();
        org.assertj.core.api.Assertions.assertThat(Api.JSON.readTree(results).get("answered").asInt()).as("answers to the question").isEqualTo(1);
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

    /** Ada (her game sockets relayed) and Bob in a game whose first question is open on Ada's phone. */
    private record AtTheFirstQuestion(Api.Host host, Api.Game game, Person ada, Person bob, Relay relay) {
    }

    /** {@code clock}: Ada's page on Playwright's clock (installed before her sockets are relayed). */
    private AtTheFirstQuestion firstQuestion(String quizTitle, boolean clock, String... questions) {
        Api.Host host = Api.registerHost(quizTitle + " Host");
        Api.Game game = Api.newGame(host, Api.publishedQuiz(host, quizTitle, questions));
        Person ada = browsers.onPhone("ada");
        Person bob = browsers.onPhone("bob");
        if (clock) {
            ada.page().clock().install();
        }
        Relay relay = Relay.of(ada, Relay.GAME_SOCKETS);
        joins(ada, game, "Ada");
        joins(bob, game, "Bob");
        Api.control(host, game, "start");
        assertThat(ada.byTestId("option-0")).isVisible(QUESTION_OPENS);
        return new AtTheFirstQuestion(host, game, ada, bob, relay);
    }

    private static void joins(Person player, Api.Game game, String nickname) {
        player.open("/play/?pin=" + game.pin());
        player.byTestId("nickname-input").fill(nickname);
        player.byTestId("join-button").click();
        assertThat(player.byTestId("lobby")).isVisible();
    }
}
