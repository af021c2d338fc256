package it.quizplatform.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.FilePayload;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A whole game in real browsers, as people play it: a host signs up, writes a quiz with a picture and three kinds of
 * question, and starts a game on the big screen; players join on their own devices (one a 360 px phone, one in
 * Vietnamese), one is kicked in the lobby and is told why, the others answer; the host sees the live count, the
 * distribution and the top 10, and removes a player from the top 10 after the first question; a player reloads
 * mid-question and carries on with the same score; everyone sees the podium and the host downloads the CSV. axe-core looks at every screen, and every step leaves a screenshot under target/screenshots.
 */
class WholeGameBrowserIT {

    @RegisterExtension
    static final Browsers browsers = new Browsers(20_000);

    @Test
    void aHostWritesAQuizAndRunsAGameThatThreePlayersPlayToThePodium() throws IOException {
        Person host = browsers.onLaptop("host");
        signUp(host);
        String quizTitle = "Oceans and capitals";
        writeQuiz(host, quizTitle);

        // The host starts a game from the library; the big screen shows the same game.
        host.open("/host/quizzes.html");
        Locator row = host.byTestId("quiz-row").filter(new Locator.FilterOptions().setHasText(quizTitle));
        row.getByTestId("start-game").click();
        host.page().waitForURL(Pattern.compile(".*/host/game\\.html\\?id=.*"));
        assertThat(host.byTestId("game-pin")).hasText(Pattern.compile("\\d{6}"));
        String pin = host.byTestId("game-pin").innerText().strip();
        Person screen = browsers.onBigScreen("big screen");
        signedInAs(screen, host);
        screen.open(host.page().url().substring(host.page().url().indexOf("/host/")));
        assertThat(screen.byTestId("game-pin")).hasText(pin);
        assertThat(screen.byTestId("join-qr")).isVisible();
        assertThat(screen.byTestId("join-address")).containsText("/play/");
        screen.screenshot("lobby, nobody yet");
        screen.seesAnAccessiblePage("lobby");

        // Players join with the PIN; one of them is removed by the host and told so.
        Person ada = browsers.onPhone("ada");
        Person bao = browsers.onLaptop("bao", "vi-VN");
        Person chi = browsers.onLaptop("chi");
        Person troll = browsers.onPhone("troll");
        Person dan = browsers.onPhone("dan");
        for (Person player : List.of(ada, bao, chi, troll, dan)) {
            join(player, pin);
        }
        assertThat(bao.page().locator("html")).hasAttribute("lang", "vi");
        assertThat(bao.byTestId("lobby")).containsText("Bạn đã vào!");
        bao.screenshot("lobby in Vietnamese");
        bao.seesAnAccessiblePage("lobby in Vietnamese");
        ada.screenshot("lobby");
        ada.seesAnAccessiblePage("lobby");
        assertThat(screen.byTestId("lobby-player")).hasCount(5);
        screen.screenshot("lobby, five players");
        host.byTestId("lobby-player").filter(new Locator.FilterOptions().setHasText("Troll")).getByTestId("kick-player").click();
        assertThat(troll.byTestId("join-error")).hasText("The host removed you from the game.");
        troll.screenshot("removed by the host");
        troll.seesAnAccessiblePage("join form after a kick");
        assertThat(screen.byTestId("lobby-player")).hasCount(4);

        // Question 1, single choice with a picture: the host sees the count grow, then the distribution and top 10.
        host.byTestId("start-game").click();
        assertThat(ada.byTestId("preview")).isVisible();
        ada.screenshot("get ready");
        assertThat(ada.byTestId("option-0")).isVisible();
        assertThat(ada.byTestId("question-image")).isVisible();
        assertThat(screen.byTestId("question-image")).isVisible();
        assertThat(ada.byTestId("countdown")).hasText(Pattern.compile("\\d+"));
        ada.screenshot("question 1 with its picture");
        ada.seesAnAccessiblePage("question");
        screen.screenshot("question 1");
        screen.seesAnAccessiblePage("question");
        ada.byTestId("option-0").click();
        assertThat(ada.byTestId("answer-status")).hasText("Answer locked in.");
        ada.screenshot("answer locked in");
        bao.byTestId("option-1").click();
        assertThat(screen.byTestId("answer-count")).containsText("2 of 4");
        screen.screenshot("two of four answered");
        chi.byTestId("option-0").click();
        dan.byTestId("option-0").click();
        assertThat(screen.byTestId("distribution")).isVisible();
        assertThat(screen.byTestId("distribution-count").first()).hasText("3");
        assertThat(screen.byTestId("leader-row")).hasCount(4);
        screen.screenshot("question 1 closed: distribution and top 10");
        screen.seesAnAccessiblePage("results");
        assertThat(ada.byTestId("verdict")).hasText("Correct!");
        assertThat(ada.byTestId("score-card")).isVisible();
        assertThat(bao.byTestId("verdict")).hasText("Lần này chưa đúng.");
        ada.screenshot("question 1: correct, points and rank");
        ada.seesAnAccessiblePage("score");
        bao.screenshot("question 1: wrong, in Vietnamese");
        String adaTotal = ada.byTestId("my-total").innerText();
        assertThat(adaTotal).doesNotStartWith("0 ");

        // Mid-game, the host removes Dan from the top 10: his phone says why, he leaves the board and the game.
        assertThat(dan.byTestId("score-card")).isVisible();
        host.byTestId("leader-row").filter(new Locator.FilterOptions().setHasText("Dan")).getByTestId("kick-player").click();
        assertThat(dan.byTestId("join-error")).hasText("The host removed you from the game.");
        assertThat(screen.byTestId("leader-row")).hasCount(3);
        assertThat(screen.byTestId("leaderboard")).not().containsText("Dan");
        assertThat(screen.byTestId("leader-row").locator(".rank")).hasText(new String[] {"1.", "2.", "3."});
        screen.screenshot("question 1 closed: Dan removed from the top 10");
        screen.seesAnAccessiblePage("results after a removal");

        // Question 2, multiple choice: Ada answers, reloads the page, and is back with her answer and her score.
        host.byTestId("next").click();
        assertThat(ada.byTestId("submit-answer")).isVisible();
        ada.byTestId("option-0").click();
        ada.byTestId("option-1").click();
        ada.screenshot("question 2, two options chosen");
        ada.byTestId("submit-answer").click();
        assertThat(ada.byTestId("answer-status")).hasText("Answer locked in.");
        ada.page().reload();
        assertThat(ada.byTestId("answer-status")).isVisible();
        assertThat(ada.byTestId("my-total")).hasText(adaTotal);
        ada.screenshot("after a reload: answer kept, same score");
        ada.seesAnAccessiblePage("question after a reload");
        bao.byTestId("option-0").click();
        bao.byTestId("option-1").click();
        bao.byTestId("submit-answer").click();
        chi.byTestId("option-2").click();
        chi.byTestId("submit-answer").click();
        assertThat(screen.byTestId("leader-row")).hasCount(3);
        assertThat(ada.byTestId("verdict")).hasText("Correct!");
        screen.screenshot("question 2 closed");

        // Question 3, typed answers.
        host.byTestId("next").click();
        assertThat(ada.byTestId("typed-answer")).isVisible();
        ada.byTestId("typed-answer").fill("pacific");
        ada.screenshot("question 3, typing");
        ada.seesAnAccessiblePage("typed question");
        ada.byTestId("submit-answer").click();
        bao.byTestId("typed-answer").fill("Thái Bình Dương");
        bao.byTestId("submit-answer").click();
        chi.byTestId("typed-answer").fill("Atlantic");
        chi.byTestId("submit-answer").click();
        assertThat(screen.byTestId("closed")).isVisible();
        assertThat(screen.byTestId("accepted-answers")).containsText("Pacific");
        assertThat(chi.byTestId("verdict")).hasText("Not this time.");
        screen.screenshot("question 3 closed");

        // The end: the podium everywhere, each player's place, the report as CSV.
        host.byTestId("next").click();
        for (Person person : List.of(screen, host, ada, bao, chi)) {
            assertThat(person.byTestId("podium")).isVisible();
            assertThat(person.byTestId("podium-name").first()).hasText("Ada");
        }
        assertThat(ada.byTestId("final-place")).containsText("number 1");
        screen.screenshot("podium");
        screen.seesAnAccessiblePage("podium");
        ada.screenshot("podium, first place");
        ada.seesAnAccessiblePage("podium");
        bao.screenshot("podium in Vietnamese");
        Download csv = host.page().waitForDownload(() -> host.byTestId("download-csv").click());
        String table = Files.readString(csv.path(), StandardCharsets.UTF_8);
        assertThat(table).contains("Ada").contains("Bao").contains("Chi").doesNotContain("Troll").doesNotContain("Dan");
        host.screenshot("game over, CSV downloaded");

        // Later: the game is among the host's past games, with its report.
        host.open("/host/games.html");
        Locator past = host.byTestId("past-game-row").filter(new Locator.FilterOptions().setHasText(quizTitle));
        assertThat(past).hasCount(1);
        host.screenshot("past games");
        host.seesAnAccessiblePage("past games");
        past.getByTestId("open-report").click();
        assertThat(host.byTestId("report-player-row")).hasCount(3);
        assertThat(host.byTestId("podium")).containsText("Ada");
        host.screenshot("report");
        host.seesAnAccessiblePage("report");
    }

    private static void signUp(Person host) {
        host.open("/host/?mode=sign-up");
        host.screenshot("sign up");
        host.seesAnAccessiblePage("sign-up page");
        host.byTestId("sign-up-email").fill("host-" + System.nanoTime() + "@example.com");
        host.byTestId("sign-up-name").fill("Hana Host");
        host.byTestId("sign-up-password").fill(Api.PASSWORD);
        host.byTestId("sign-up-submit").click();
        host.page().waitForURL(Pattern.compile(".*/host/quizzes\\.html.*"));
        host.screenshot("empty library");
        host.seesAnAccessiblePage("library");
    }

    /** Creates the quiz in the library and writes its three questions in the editor, then publishes it. */
    private static void writeQuiz(Person host, String title) {
        host.byTestId("new-quiz-title").fill(title);
        host.byTestId("create-quiz").click();
        host.page().waitForURL(Pattern.compile(".*/host/edit\\.html\\?id=.*"));
        host.seesAnAccessiblePage("editor of a new quiz");

        host.byTestId("add-question").click();
        host.byTestId("question-type").selectOption("single-choice");
        host.byTestId("question-text").fill("Which city is the capital of France?");
        for (String[] option : new String[][] {{"0", "Paris"}, {"1", "Lyon"}, {"2", "Nice"}, {"3", "Lille"}}) {
            if (host.byTestId("option-text-" + option[0]).count() == 0) {
                host.byTestId("add-option").click();
            }
            host.byTestId("option-text-" + option[0]).fill(option[1]);
        }
        host.byTestId("option-correct-0").check();
        host.byTestId("time-limit").selectOption("30");
        host.byTestId("image-input").setInputFiles(new FilePayload("eiffel.png", "image/png", png()));
        assertThat(host.byTestId("image-preview")).isVisible();
        host.screenshot("a single-choice question with a picture");
        host.seesAnAccessiblePage("question form");
        host.byTestId("save-question").click();
        assertThat(host.byTestId("question-row")).hasCount(1);

        host.byTestId("add-question").click();
        host.byTestId("question-type").selectOption("multiple-choice");
        host.byTestId("question-text").fill("Which of these are prime numbers?");
        for (String[] option : new String[][] {{"0", "2"}, {"1", "3"}, {"2", "4"}, {"3", "9"}}) {
            if (host.byTestId("option-text-" + option[0]).count() == 0) {
                host.byTestId("add-option").click();
            }
            host.byTestId("option-text-" + option[0]).fill(option[1]);
        }
        host.byTestId("option-correct-0").check();
        host.byTestId("option-correct-1").check();
        host.byTestId("time-limit").selectOption("30");
        host.byTestId("save-question").click();
        assertThat(host.byTestId("question-row")).hasCount(2);

        host.byTestId("add-question").click();
        host.byTestId("question-type").selectOption("type-answer");
        host.byTestId("question-text").fill("Which is the largest ocean?");
        host.byTestId("accepted-answer-0").fill("Pacific");
        host.byTestId("time-limit").selectOption("30");
        host.screenshot("a typed-answer question");
        host.byTestId("save-question").click();
        assertThat(host.byTestId("question-row")).hasCount(3);
        host.screenshot("three questions");
        host.seesAnAccessiblePage("editor with three questions");

        host.byTestId("publish").click();
        assertThat(host.byTestId("publish")).isHidden();
        host.screenshot("published");
    }

    private static void join(Person player, String pin) {
        player.open("/play/?pin=" + pin);
        String nickname = Character.toUpperCase(player.name().charAt(0)) + player.name().substring(1);
        player.byTestId("nickname-input").fill(nickname);
        player.byTestId("join-button").click();
        assertThat(player.byTestId("lobby")).isVisible();
        assertThat(player.byTestId("my-nickname")).hasText(nickname);
    }

    /** The big screen is the host's second browser: it gets the host's session as a second tab would. */
    private static void signedInAs(Person screen, Person host) {
        Object session = host.page().evaluate("() => localStorage.getItem('qp.session')");
        screen.open("/");
        screen.page().evaluate("s => localStorage.setItem('qp.session', s)", session);
    }

    /** A 320x180 picture drawn here, so the upload is a real PNG. */
    private static byte[] png() {
        BufferedImage image = new BufferedImage(320, 180, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x46, 0x17, 0x8f));
        g.fillRect(0, 0, 320, 180);
        g.setColor(Color.WHITE);
        g.fillPolygon(new int[] {160, 200, 120}, new int[] {20, 160, 160}, 3);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
