package it.quizplatform.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The quiz editor beyond writing questions: reordering by keyboard alone, the API's refusal shown next to its field,
 * and a clear way on when someone else saved the quiz first (412).
 */
class QuizEditorBrowserIT {

    @RegisterExtension
    static final Browsers browsers = new Browsers();

    @Test
    void questionsAreReorderedByKeyboard() {
        Api.Host host = Api.registerHost("Keyboard Host");
        String quizId = draft(host, "Reordering", "First question?", "Second question?");
        Person laptop = browsers.onLaptop("host");
        signedIn(laptop, host);

        laptop.open("/host/edit.html?id=" + quizId);
        assertThat(laptop.byTestId("question-row-text").nth(1)).containsText("Second question?");
        laptop.byTestId("question-row").nth(1).getByTestId("move-up").focus();
        laptop.page().keyboard().press("Enter");

        assertThat(laptop.byTestId("question-row-text").first()).containsText("Second question?");
        laptop.screenshot("second question moved up");
        laptop.seesAnAccessiblePage("editor after a move");
        assertThat(questionTexts(host, quizId)).containsExactly("Second question?", "First question?");
    }

    @Test
    void theApisRefusalIsShownAndSomeoneElsesSaveIsExplained() {
        Api.Host host = Api.registerHost("Careful Host");
        String quizId = draft(host, "Conflicts", "Only question?");
        Person laptop = browsers.onLaptop("host");
        laptop.expectsProblem("status of 400");
        laptop.expectsProblem("status of 412");
        signedIn(laptop, host);
        laptop.open("/host/edit.html?id=" + quizId);

        // A single-choice question with no correct answer marked: the API refuses it and the form says why.
        laptop.byTestId("add-question").click();
        laptop.byTestId("question-type").selectOption("single-choice");
        laptop.byTestId("question-text").fill("Which one?");
        for (int i = 0; i < 4; i++) {
            laptop.byTestId("option-text-" + i).fill("Answer " + i);
        }
        laptop.byTestId("save-question").click();
        assertThat(laptop.page().locator("[data-testid=question-form] .field-error:not([hidden]):not(:empty), "
                + "[data-testid=question-error]:not(:empty)").first()).isVisible();
        laptop.screenshot("refused question");
        laptop.byTestId("cancel-question").click();
        assertThat(laptop.byTestId("question-row")).hasCount(1);

        // Meanwhile a colleague renames the quiz; the host's own save is refused and explained.
        JsonNode current = Api.send("GET", "/quiz/api/quizzes/" + quizId, null, host.accessToken(), null).json();
        ObjectNode rename = Api.JSON.createObjectNode().put("title", "Renamed by a colleague");
        Api.send("PATCH", "/quiz/api/quizzes/" + quizId, rename.toString(), host.accessToken(), current.get("version").asLong())
                .expect(200, "renaming behind the editor's back");
        laptop.byTestId("quiz-title").fill("My own title");
        laptop.byTestId("save-details").click();
        assertThat(laptop.byTestId("stale-banner")).isVisible();
        laptop.screenshot("someone else saved first");
        laptop.seesAnAccessiblePage("editor with the 412 banner");

        laptop.byTestId("load-latest").click();
        assertThat(laptop.byTestId("stale-banner")).isHidden();
        assertThat(laptop.byTestId("quiz-title")).hasValue("Renamed by a colleague");
        laptop.byTestId("quiz-title").fill("Agreed title");
        laptop.byTestId("save-details").click();
        laptop.page().waitForCondition(() -> "Agreed title".equals(
                Api.send("GET", "/quiz/api/quizzes/" + quizId, null, host.accessToken(), null).json().get("title").asText()));
    }

    /** A draft quiz with single-choice questions of these texts. */
    private static String draft(Api.Host host, String title, String... questions) {
        ObjectNode body = Api.JSON.createObjectNode().put("title", title).put("description", "by a browser test");
        JsonNode quiz = Api.post("/quiz/api/quizzes", body.toString(), host.accessToken()).expect(201, "creating " + title).json();
        String id = quiz.get("id").asText();
        long version = quiz.get("version").asLong();
        for (String text : questions) {
            version = Api.send("POST", "/quiz/api/quizzes/" + id + "/questions", Api.singleChoice(text, 20, "Yes", "No"),
                    host.accessToken(), version).expect(200, "adding " + text).json().get("version").asLong();
        }
        return id;
    }

    private static List<String> questionTexts(Api.Host host, String quizId) {
        JsonNode quiz = Api.send("GET", "/quiz/api/quizzes/" + quizId, null, host.accessToken(), null).json();
        return StreamSupport.stream(quiz.get("questions").spliterator(), false).map(q -> q.get("text").asText()).toList();
    }

    private static void signedIn(Person person, Api.Host host) {
        ObjectNode session = Api.JSON.createObjectNode().put("accessToken", host.accessToken())
                .put("expiresAt", java.time.Instant.now().plusSeconds(3000).toString());
        session.putObject("user").put("displayName", host.displayName());
        person.open("/");
        person.page().evaluate("s => localStorage.setItem('qp.session', s)", session.toString());
    }
}
