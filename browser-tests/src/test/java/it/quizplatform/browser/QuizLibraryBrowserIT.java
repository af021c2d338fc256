package it.quizplatform.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The host's lists: importing a quiz from a file into the library; the past games, page by page; a big game's report,
 * its players a hundred at a time, and the report page while there is none to show.
 */
class QuizLibraryBrowserIT {

    // A report waits for scoring's completion of the game (through Kafka), asked again every 3 s by its page.
    @RegisterExtension
    static final Browsers browsers = new Browsers(30_000);

    @Test
    void aRefusedImportIsTriedAgainWithTheCorrectedFile() {
        Api.Host host = Api.registerHost("Importing Host");
        ObjectNode exported = exported(host, Api.publishedQuiz(host, "Capitals", Api.singleChoice("Capital of France?", 20, "Paris", "Lyon")));
        Person laptop = browsers.onLaptop("host");
        laptop.expectsProblem("status of 400");
        signedIn(laptop, host);
        laptop.open("/host/quizzes.html");

        laptop.byTestId("import-input").setInputFiles(file("capitals.json", exported.deepCopy().put("title", "")));
        assertThat(laptop.byTestId("import-errors")).containsText("The file was not imported");
        // A browser fires no change when the same file is picked again unless the input was emptied. (Playwright
        // fires one whatever the value, so the emptying itself is what is checked.)
        assertThat(laptop.byTestId("import-input")).hasValue("");
        laptop.screenshot("import refused");

        laptop.byTestId("import-input").setInputFiles(file("capitals.json", exported.deepCopy().put("title", "Capitals, corrected")));
        assertThat(laptop.byTestId("import-errors")).isEmpty();
        assertThat(row(laptop, "Capitals, corrected")).isVisible();
        assertThat(laptop.byTestId("import-input")).hasValue("");
    }

    /**
     * A host with exactly one full page of past games (20) turns to the next page: there is none, so the first page
     * stays, its Next now off. The empty page after it said "You have not hosted a game yet".
     */
    @Test
    void aFullLastPageOfPastGamesIsNotFollowedByAnEmptyOne() {
        Api.Host host = Api.registerHost("Busy Host");
        Api.Quiz quiz = Api.publishedQuiz(host, "Twenty games", Api.singleChoice("Capital of France?", 20, "Paris", "Lyon"));
        for (int i = 0; i < 20; i++) {
            Api.newGame(host, quiz);
        }
        Person laptop = browsers.onLaptop("host");
        signedIn(laptop, host);
        laptop.open("/host/games.html");
        assertThat(laptop.byTestId("past-game-row")).hasCount(20);
        assertThat(laptop.byTestId("page-next")).isEnabled();

        laptop.byTestId("page-next").click();
        assertThat(laptop.byTestId("page-next")).isDisabled();
        assertThat(laptop.byTestId("past-game-row")).hasCount(20);
        assertThat(laptop.byTestId("games-table")).isVisible();
        assertThat(laptop.byTestId("games-status")).isEmpty();
        assertThat(laptop.byTestId("page-previous")).isDisabled();
        laptop.screenshot("past games, the last page full");
    }

    /**
     * The report of a game of 130 players shows the first hundred and adds the rest on request (a game of 10,000 drew
     * 10,000 rows at once); the CSV holds them all.
     */
    @Test
    void aBigGamesReportShowsItsPlayersAHundredAtATime() {
        Api.Host host = Api.registerHost("Big Game Host");
        Api.Quiz quiz = Api.publishedQuiz(host, "Big game", Api.singleChoice("Capital of France?", 20, "Paris", "Lyon"));
        Api.Game game = Api.newGame(host, quiz);
        for (int i = 0; i < 130; i++) {
            Api.join(game, "Player " + i);
        }
        Api.control(host, game, "start");
        Api.control(host, game, "end");
        Person laptop = browsers.onLaptop("host");
        laptop.expectsProblem("status of 409"); // the report until scoring has completed the game
        signedIn(laptop, host);
        laptop.open("/host/report.html?id=" + game.id());

        assertThat(laptop.byTestId("report-player-row")).hasCount(100);
        assertThat(laptop.byTestId("report-players-shown")).hasText("100 of 130 players shown; the CSV file has them all.");
        laptop.byTestId("report-more-players").click();
        assertThat(laptop.byTestId("report-player-row")).hasCount(130);
        assertThat(laptop.byTestId("report-more-players")).isHidden();
        assertThat(laptop.byTestId("report-players-shown")).isEmpty();
        laptop.seesAnAccessiblePage("a big game's report");
    }

    /**
     * The report page while the report cannot be read: a game nobody knows is "no report" at once; a game scoring has
     * not heard of yet (404 while its events are on the way) is asked again until the report comes; a completion given
     * up on says an admin can retry it, and the host's "try again" brings the report once it is there. (What scoring
     * answers in the two waiting cases is put in the page's way: the stack cannot be made to lag or fail on demand.)
     */
    @Test
    void theReportPageWaitsForAGameScoringHasNotHeardOfAndExplainsAFailedCompletion() {
        Api.Host host = Api.registerHost("Patient Host");
        Api.Game game = Api.newGame(host, Api.publishedQuiz(host, "Waiting", Api.singleChoice("Capital of France?", 20, "Paris", "Lyon")));
        Api.join(game, "Ada");
        Api.control(host, game, "start");
        Api.control(host, game, "end");
        Person laptop = browsers.onLaptop("host");
        laptop.expectsProblem("status of 404");
        laptop.expectsProblem("status of 409");
        signedIn(laptop, host);
        java.util.Queue<String> scoringAnswers = new java.util.concurrent.ConcurrentLinkedQueue<>();
        laptop.page().route("**/scoring/api/games/*/report", route -> {
            String detail = scoringAnswers.poll();
            if (detail == null) {
                route.resume();
            } else {
                int status = detail.startsWith("No game") ? 404 : 409;
                route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(status)
                        .setContentType("application/problem+json").setBody(Api.JSON.createObjectNode()
                                .put("type", "about:blank").put("title", status == 404 ? "Game not found" : "Report not ready")
                                .put("status", status).put("detail", detail).toString()));
            }
        });

        laptop.open("/host/report.html?id=" + java.util.UUID.randomUUID());
        assertThat(laptop.byTestId("report-error")).hasText("There is no report for this game, or the game is not yours.");

        scoringAnswers.add("No game " + game.id() + " is known to scoring.");
        laptop.open("/host/report.html?id=" + game.id());
        assertThat(laptop.byTestId("report-pending")).containsText("The report is being prepared.");
        assertThat(laptop.byTestId("report-player-row")).hasCount(1);

        scoringAnswers.add("The game's scores could not be completed; an admin can retry the completion.");
        laptop.open("/host/report.html?id=" + game.id());
        assertThat(laptop.byTestId("report-failed")).hasText("This game's final scores could not be completed yet. The report "
                + "appears here once they are; an administrator can retry the completion.");
        laptop.screenshot("a report whose completion failed");
        laptop.byTestId("report-retry").click();
        assertThat(laptop.byTestId("report-player-row")).hasCount(1);
    }

    /** The quiz as its export gives it: the document the import takes. */
    private static ObjectNode exported(Api.Host host, Api.Quiz quiz) {
        return (ObjectNode) Api.send("GET", "/quiz/api/quizzes/" + quiz.id() + "/export", null, host.accessToken(), null)
                .expect(200, "exporting " + quiz.title()).json();
    }

    private static FilePayload file(String name, ObjectNode document) {
        return new FilePayload(name, "application/json", document.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Locator row(Person person, String title) {
        return person.byTestId("quiz-row").filter(new Locator.FilterOptions().setHasText(title));
    }

    /** Puts the host's session into the person's browser as the sign-in page would. */
    private static void signedIn(Person person, Api.Host host) {
        ObjectNode session = Api.JSON.createObjectNode().put("accessToken", host.accessToken())
                .put("expiresAt", Instant.now().plusSeconds(3000).toString());
        session.putObject("user").put("displayName", host.displayName());
        person.open("/");
        person.page().evaluate("s => localStorage.setItem('qp.session', s)", session.toString());
    }
}
