package it.quizplatform.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A game as a blind player follows it with a screen reader. The page has one polite live region from the start,
 * outside the part it redraws, and says in it, once each, what happens: the question (number and text) when it is
 * previewed and when it opens, the answer's status, the verdict and the points, being removed by the host, the end
 * and the player's place. The focus goes to the question's heading when a new question comes, and a redraw (a
 * reconnection's welcome) neither moves it off the answer the player is on nor says anything again.
 *
 * <p>What the region says is heard here as a screen reader hears it: every text put into it is recorded, in order,
 * by a MutationObserver the test adds to the page before the page's own scripts run.
 */
class AccessibleGameBrowserIT {

    @RegisterExtension
    static final Browsers browsers = new Browsers();

    static final LocatorAssertions.IsVisibleOptions QUESTION_OPENS = new LocatorAssertions.IsVisibleOptions().setTimeout(15_000);
    static final Duration SCORES_COME = Duration.ofSeconds(20);
    /** Records every text the page's live region ({@code #announcer}) is given, in {@code window.qpHeard}. */
    static final String LISTENER = """
            window.qpHeard = [];
            new MutationObserver((records) => {
              const region = document.getElementById('announcer');
              if (!region || !records.some((r) => region.contains(r.target) || [...r.addedNodes].includes(region))) return;
              const text = region.textContent.trim();
              if (text) window.qpHeard.push(text);
            }).observe(document, { childList: true, subtree: true, characterData: true });
            """;

    @Test
    void aScreenReaderHearsEachQuestionItsAnswerAndItsVerdictOnceAndTheFocusFollowsTheQuestion() throws Exception {
        Api.Host host = Api.registerHost("Spoken Host");
        Api.Game game = Api.newGame(host, Api.publishedQuiz(host, "Spoken",
                Api.singleChoice("Which planet is called the Red Planet?", 60, "Mars", "Venus", "Jupiter"),
                Api.singleChoice("How many legs has a spider?", 60, "8", "6")));
        Person ada = browsers.onPhone("ada");
        Person bob = browsers.onPhone("bob");
        ada.page().addInitScript(LISTENER);
        bob.page().addInitScript(LISTENER);
        Relay relay = Relay.of(ada, Relay.GAME_SOCKETS);
        Locator region = ada.byTestId("announcer");
        joins(ada, game, "Ada");
        // Bob stays connected without answering, so Ada's answer does not close the question at once.
        joins(bob, game, "Bob");
        assertThat(ada.page().locator("#app h1")).isFocused();

        // Question 1: said when it is previewed and again when it opens; the focus is on its heading.
        Api.control(host, game, "start");
        hears(ada, "Get ready. Question 1 of 2: Which planet is called the Red Planet?", Duration.ofSeconds(15));
        assertThat(ada.byTestId("option-0")).isVisible(QUESTION_OPENS);
        // Its text was said at the preview (and is the focused heading's): the opening says only that answers are open.
        assertThat(region).hasText("Answers open for question 1 of 2.");
        assertThat(ada.byTestId("question-text")).isFocused();
        // The region was there from the start, outside the part of the page that is redrawn.
        assertThat(ada.page().locator("body > #announcer[aria-live=polite]")).hasCount(1);
        assertThat(ada.page().locator("#app #announcer")).hasCount(0);
        ada.screenshot("question 1, focus on its heading");
        ada.seesAnAccessiblePage("question with the focus on its heading");

        // The player moves to Mars; the connection drops and comes back, and its welcome redraws the screen: the
        // focus stays on Mars and nothing is said again.
        ada.byTestId("option-0").focus();
        relay.last().cut(1013);
        relay.await(ada, Duration.ofSeconds(10), "a new game socket", () -> relay.links().size() == 2);
        assertThat(ada.byTestId("connection")).hasText("");
        assertThat(ada.byTestId("option-0")).isFocused();

        // Enter on Mars: the status is said; the buttons are gone, and the focus is on the heading, not lost.
        ada.page().keyboard().press("Enter");
        assertThat(region).hasText("Answer locked in.");
        assertThat(ada.byTestId("answer-status")).hasText("Answer locked in.");
        assertThat(ada.byTestId("question-text")).isFocused();
        ada.screenshot("answer locked in");

        // The close: the verdict, then the points and the place.
        Api.control(host, game, "skip");
        hears(ada, Pattern.compile("^Correct!"), SCORES_COME);
        hears(ada, Pattern.compile("[\\d,]+ points for this question\\. You are number 1 of 2\\."), SCORES_COME);
        assertThat(region).containsText("You are number 1 of 2.");
        assertThat(ada.byTestId("verdict")).hasText("Correct!");
        assertThat(ada.byTestId("question-text")).isFocused();
        ada.screenshot("correct, points said");
        ada.seesAnAccessiblePage("verdict");

        // Bob is removed by the host: his page says so.
        String bobsId = Api.JSON.readTree((String) bob.page().evaluate("() => sessionStorage.getItem('qp.player')"))
                .get("playerId").asText();
        Api.send("DELETE", "/quiz/api/games/" + game.id() + "/players/" + bobsId, null, host.accessToken(), null)
                .expect(200, "removing Bob");
        hears(bob, "The host removed you from the game.", Duration.ofSeconds(10));
        assertThat(bob.byTestId("announcer")).hasText("The host removed you from the game.");
        assertThat(bob.byTestId("nickname-input")).isFocused();

        // Question 2: said, focused; not answered.
        Api.control(host, game, "next");
        hears(ada, "Get ready. Question 2 of 2: How many legs has a spider?", Duration.ofSeconds(15));
        assertThat(ada.byTestId("option-0")).isVisible(QUESTION_OPENS);
        assertThat(region).hasText("Answers open for question 2 of 2.");
        assertThat(ada.byTestId("question-text")).hasText("How many legs has a spider?");
        assertThat(ada.byTestId("question-text")).isFocused();
        Api.control(host, game, "skip");
        hears(ada, Pattern.compile("^You did not answer this one\\."), SCORES_COME);

        // The end, and the player's place.
        Api.control(host, game, "next");
        hears(ada, Pattern.compile("^Game over\\b"), SCORES_COME);
        hears(ada, Pattern.compile("You finished number 1 with [\\d,]+ points"), SCORES_COME);
        assertThat(ada.page().locator("#app h1")).isFocused();
        ada.screenshot("game over, place said");
        ada.seesAnAccessiblePage("podium");

        // Each thing was said once: the reconnection's welcome repeated nothing.
        List<String> heard = heard(ada);
        System.out.println("[browser-tests] Ada's screen reader heard: " + heard);
        // (The close's "waiting for the results" is news at each close: said again when the results are slow.)
        assertThat(heard.stream().filter(text -> !text.startsWith("Time's up")).toList())
                .as("what Ada's screen reader heard").doesNotHaveDuplicates();
        assertThat(heard.stream().filter(text -> text.contains("uestion 1 of 2")))
                .as("question 1, previewed and opened").hasSize(2);
        assertThat(heard.stream().filter(text -> text.contains("Correct!"))).as("the verdict").hasSize(1);
    }

    /** Waits until {@code person}'s live region has said exactly {@code text}. */
    private static void hears(Person person, String text, Duration timeout) {
        hears(person, Pattern.compile("^" + Pattern.quote(text) + "$"), timeout);
    }

    /** Waits until {@code person}'s live region has said something {@code pattern} finds. */
    private static void hears(Person person, Pattern pattern, Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> heard = heard(person);
            if (heard.stream().anyMatch(text -> pattern.matcher(text).find())) {
                return;
            }
            if (System.nanoTime() > until) {
                throw new AssertionError(person + " did not hear /" + pattern + "/ within " + timeout + "; heard " + heard);
            }
            person.page().waitForTimeout(100);
        }
    }

    /** Everything {@code person}'s live region has said so far, in order. */
    @SuppressWarnings("unchecked")
    private static List<String> heard(Person person) {
        Object heard = person.page().evaluate("() => window.qpHeard || []");
        return ((List<Object>) heard).stream().map(String::valueOf).toList();
    }

    private static void joins(Person player, Api.Game game, String nickname) {
        player.open("/play/?pin=" + game.pin());
        player.byTestId("nickname-input").fill(nickname);
        player.byTestId("join-button").click();
        assertThat(player.byTestId("lobby")).isVisible();
    }
}
