package it.quizplatform.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.FilePayload;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The quiz editor beyond writing questions: reordering by keyboard alone, the API's refusal shown next to its field,
 * a clear way on when someone else saved the quiz first (412), quick changes that go one after another, and nothing
 * written lost to Publish, to an image still uploading, to a change finishing while the title is typed, or to opening
 * another question.
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
        savesAQuestionWithNoCorrectAnswerMarked(laptop);
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

    @Test
    void twoQuickPressesOfDownMoveAQuestionTwoPlaces() {
        Api.Host host = Api.registerHost("Quick Host");
        String quizId = draft(host, "Quick moves", "First question?", "Second question?", "Third question?");
        Person laptop = editorOf(host, quizId);

        // The first move is held on its way, so the second press surely comes while it is under way.
        Held firstMove = holdFirst(laptop, "**/question-order");
        laptop.byTestId("question-row").first().getByTestId("move-down").focus();
        laptop.page().keyboard().press("Enter");
        laptop.page().keyboard().press("Enter");
        firstMove.release();

        assertThat(laptop.byTestId("question-row-text").last()).containsText("First question?");
        assertThat(laptop.byTestId("stale-banner")).isHidden();
        assertThat(questionTexts(host, quizId)).containsExactly("Second question?", "Third question?", "First question?");
    }

    @Test
    void publishingWaitsUntilTheQuestionBeingWrittenIsSavedOrCancelled() {
        Api.Host host = Api.registerHost("Hasty Host");
        String quizId = draft(host, "Half written", "Only question?");
        Person laptop = editorOf(host, quizId);

        laptop.byTestId("add-question").click();
        laptop.byTestId("question-text").fill("A second question?");
        laptop.byTestId("publish").click();
        assertThat(laptop.byTestId("publish-unsaved")).containsText("Save it or cancel it first");
        assertThat(laptop.byTestId("question-text")).hasValue("A second question?");
        assertThat(quizStatus(host, quizId)).isEqualTo("draft");
        laptop.screenshot("publishing refused while a question is being written");

        laptop.byTestId("cancel-question").click();
        laptop.byTestId("publish").click();
        assertThat(laptop.byTestId("quiz-status")).hasText("Published");
    }

    @Test
    void aNewQuestionIsSavedOnceWhenTheLanguageChangesDuringItsSave() {
        Api.Host host = Api.registerHost("Bilingual Host");
        String quizId = draft(host, "Two languages", "First question?");
        Person laptop = editorOf(host, quizId);

        laptop.byTestId("add-question").click();
        laptop.byTestId("question-text").fill("Saved once?");
        String[] options = {"Yes", "No", "Maybe", "Twice"};
        for (int i = 0; i < options.length; i++) {
            laptop.byTestId("option-text-" + i).fill(options[i]);
        }
        laptop.byTestId("option-correct-0").check();
        java.util.concurrent.atomic.AtomicInteger posts = new java.util.concurrent.atomic.AtomicInteger();
        laptop.page().onRequest(request -> {
            if ("POST".equals(request.method()) && request.url().endsWith("/questions")) {
                posts.incrementAndGet();
            }
        });
        Held save = holdFirst(laptop, "**/questions");
        laptop.byTestId("save-question").click();
        laptop.byTestId("lang-switch").selectOption("vi");
        // Drawn again in Vietnamese, the form still knows its save is under way: a second Save would add a copy.
        assertThat(laptop.byTestId("save-question")).hasText("Lưu câu hỏi");
        assertThat(laptop.byTestId("save-question")).isDisabled();
        assertThat(laptop.byTestId("question-text")).hasValue("Saved once?");
        laptop.page().evaluate("() => document.querySelector('[data-testid=question-form]').requestSubmit()");
        save.release();

        assertThat(laptop.byTestId("question-row")).hasCount(2);
        assertThat(questionTexts(host, quizId)).containsExactly("First question?", "Saved once?");
        assertThat(posts.get()).as("questions posted").isEqualTo(1);
    }

    @Test
    void aSaveWaitingForItsImageThatIsCancelledSavesNothingIntoTheQuestionOpenedNext() {
        Api.Host host = Api.registerHost("Changing Mind Host");
        String quizId = draft(host, "Second thoughts", "Question A?", "Question B?");
        Person laptop = editorOf(host, quizId);

        Held upload = holdFirst(laptop, "**/quiz/api/images");
        editButton(laptop, "Question A?").click();
        laptop.byTestId("question-text").fill("Question A, with a picture?");
        laptop.byTestId("image-input").setInputFiles(new FilePayload("shape.png", "image/png", png()));
        laptop.byTestId("save-question").click();
        assertThat(laptop.byTestId("question-status")).containsText("still uploading");
        laptop.byTestId("cancel-question").click();
        editButton(laptop, "Question B?").click();
        upload.release();

        // The cancelled save went nowhere: not into B, open now, and not into A.
        laptop.page().waitForTimeout(1_000);
        assertThat(laptop.byTestId("question-text")).hasValue("Question B?");
        assertThat(questionTexts(host, quizId)).containsExactly("Question A?", "Question B?");
        assertThat(question(host, quizId, 1).path("imageUrl").isNull() || question(host, quizId, 1).path("imageUrl").isMissingNode())
                .as("B has no picture").isTrue();
    }

    @Test
    void aChangeWhoseAnswerWasLostIsSentAgainAndNotTakenForSomeoneElses() {
        Api.Host host = Api.registerHost("Flaky Wi-Fi Host");
        String quizId = draft(host, "Lost answer", "Only question?");
        long before = quiz(host, quizId).get("version").asLong();
        Person laptop = editorOf(host, quizId);
        java.util.concurrent.atomic.AtomicBoolean lost = new java.util.concurrent.atomic.AtomicBoolean();
        laptop.expectsProblem("net::ERR_FAILED"); // the answer the test drops
        laptop.page().route("**/quiz/api/quizzes/*", route -> {
            if ("PATCH".equals(route.request().method()) && lost.compareAndSet(false, true)) {
                route.fetch(); // the server writes the change ...
                route.abort(); // ... and its answer never reaches the page
            } else {
                route.resume();
            }
        });

        laptop.byTestId("quiz-title").fill("Renamed on a flaky network");
        laptop.byTestId("save-details").click();

        assertThat(laptop.byTestId("editor-heading")).hasText("Renamed on a flaky network");
        assertThat(laptop.byTestId("stale-banner")).isHidden();
        assertThat(lost.get()).as("an answer was lost").isTrue();
        assertThat(quiz(host, quizId).get("version").asLong()).as("written once").isEqualTo(before + 1);
    }

    @Test
    void publishingWaitsForATitleChangedAndNotSaved() {
        Api.Host host = Api.registerHost("Retitling Host");
        String quizId = draft(host, "Old title", "Only question?");
        Person laptop = editorOf(host, quizId);

        laptop.byTestId("quiz-title").fill("New title, not saved");
        laptop.byTestId("publish").click();
        assertThat(laptop.byTestId("publish-unsaved")).containsText("Save the title and settings first");
        assertThat(quizStatus(host, quizId)).isEqualTo("draft");

        laptop.byTestId("save-details").click();
        assertThat(laptop.byTestId("editor-heading")).hasText("New title, not saved");
        laptop.byTestId("publish").click();
        assertThat(laptop.byTestId("quiz-status")).hasText("Published");
        assertThat(quiz(host, quizId).get("title").asText()).isEqualTo("New title, not saved");
    }

    @Test
    void aQuestionSavedWhileItsImageUploadsKeepsTheImage() {
        Api.Host host = Api.registerHost("Picture Host");
        String quizId = draft(host, "Pictures", "Which shape is this?");
        Person laptop = editorOf(host, quizId);

        Held upload = holdFirst(laptop, "**/quiz/api/images");
        laptop.byTestId("edit-question").click();
        laptop.byTestId("image-input").setInputFiles(new FilePayload("shape.png", "image/png", png()));
        laptop.byTestId("save-question").click();
        assertThat(laptop.byTestId("question-status")).containsText("still uploading");
        laptop.screenshot("saving once the image is in");
        upload.release();

        assertThat(laptop.byTestId("question-row")).containsText("with image");
        assertThat(question(host, quizId, 0).path("imageUrl").asText()).startsWith("/quiz/api/images/");
    }

    @Test
    void theTitleBeingTypedOutlivesAMoveFinishingMeanwhile() {
        Api.Host host = Api.registerHost("Busy Host");
        String quizId = draft(host, "Typed over", "First question?", "Second question?");
        Person laptop = editorOf(host, quizId);

        // The move is held until the host is typing a new title, so it lands while they are at it.
        Held move = holdFirst(laptop, "**/question-order");
        laptop.byTestId("question-row").first().getByTestId("move-down").click();
        laptop.byTestId("quiz-title").fill("A title being");
        move.release();

        assertThat(laptop.byTestId("question-row-text").first()).containsText("Second question?");
        assertThat(laptop.byTestId("quiz-title")).hasValue("A title being");
        assertThat(laptop.byTestId("quiz-title")).isFocused();
        laptop.page().keyboard().type(" typed");
        laptop.byTestId("save-details").click();
        laptop.page().waitForCondition(() -> "A title being typed".equals(quiz(host, quizId).get("title").asText()));
    }

    @Test
    void aTitleRefusedAfterAMoveIsExplainedOnTheFormShown() {
        Api.Host host = Api.registerHost("Untitled Host");
        String quizId = draft(host, "Soon untitled", "First question?", "Second question?");
        Person laptop = browsers.onLaptop("host");
        laptop.expectsProblem("status of 400");
        signedIn(laptop, host);
        laptop.open("/host/edit.html?id=" + quizId);

        // The save of an empty title waits its turn behind the move, which draws the page again before the refusal.
        Held move = holdFirst(laptop, "**/question-order");
        laptop.byTestId("question-row").first().getByTestId("move-down").click();
        laptop.byTestId("quiz-title").fill("");
        laptop.byTestId("save-details").click();
        move.release();

        assertThat(laptop.byTestId("quiz-title-error")).containsText("A quiz needs a title");
        assertThat(laptop.byTestId("quiz-title")).hasValue("");
        laptop.screenshot("empty title refused after a move");
        assertThat(quiz(host, quizId).get("title").asText()).isEqualTo("Soon untitled");
    }

    @Test
    void aRefusedQuestionStillSaysWhyInTheLanguageChosenAfterIt() {
        Api.Host host = Api.registerHost("Bilingual Host");
        String quizId = draft(host, "Two languages", "First question?");
        Person laptop = editorOf(host, quizId);
        laptop.expectsProblem("status of 400");

        savesAQuestionWithNoCorrectAnswerMarked(laptop);
        assertThat(laptop.byTestId("options-error")).hasText("Mark exactly one answer as correct.");
        editButton(laptop, "First question?").click();
        assertThat(laptop.byTestId("question-unsaved")).containsText("Save or cancel this question first");

        // The form is drawn again in Vietnamese: the refusal and the "save or cancel first" line are still there, in
        // Vietnamese (they disappeared, or stayed in English), and the typed question with them.
        laptop.byTestId("lang-switch").selectOption("vi");
        assertThat(laptop.byTestId("save-question")).hasText("Lưu câu hỏi");
        assertThat(laptop.byTestId("options-error")).hasText("Hãy đánh dấu đúng một đáp án là đáp án đúng.");
        assertThat(laptop.byTestId("options-error")).isVisible();
        assertThat(laptop.byTestId("question-unsaved")).hasText(
                "Hãy lưu hoặc hủy câu hỏi này trước: những gì bạn đã thay đổi trong đó chưa được lưu.");
        assertThat(laptop.byTestId("question-text")).hasValue("Which one?");

        // Put right, the refusal no longer describes the question: drawn in English again, it is not shown.
        laptop.byTestId("option-correct-2").check();
        laptop.byTestId("lang-switch").selectOption("en");
        assertThat(laptop.byTestId("save-question")).hasText("Save question");
        assertThat(laptop.byTestId("options-error")).isHidden();
        assertThat(laptop.byTestId("question-unsaved")).hasText(
                "Save or cancel this question first: what you changed in it is not saved yet.");
        laptop.byTestId("save-question").click();
        assertThat(laptop.byTestId("question-row")).hasCount(2);
        assertThat(laptop.byTestId("question-form")).hasCount(0);
        assertThat(questionTexts(host, quizId)).containsExactly("First question?", "Which one?");
    }

    @Test
    void anotherQuestionOpensOnlyOnceTheChangedOneIsSavedOrCancelled() {
        Api.Host host = Api.registerHost("Switching Host");
        String quizId = draft(host, "Switching", "First question?", "Second question?");
        Person laptop = editorOf(host, quizId);

        // Nothing changed in the open form: Edit on another question opens that one.
        editButton(laptop, "First question?").click();
        editButton(laptop, "Second question?").click();
        assertThat(laptop.byTestId("question-text")).hasValue("Second question?");

        // Something changed: the form stays, draft and all, and says why.
        laptop.byTestId("question-text").fill("Second question, rewritten?");
        editButton(laptop, "First question?").click();
        assertThat(laptop.byTestId("question-unsaved")).containsText("Save or cancel this question first");
        assertThat(laptop.byTestId("question-text")).hasValue("Second question, rewritten?");
        laptop.screenshot("another question refused while one is changed");

        laptop.byTestId("save-question").click();
        editButton(laptop, "First question?").click();
        assertThat(laptop.byTestId("question-text")).hasValue("First question?");
        assertThat(questionTexts(host, quizId)).containsExactly("First question?", "Second question, rewritten?");
    }

    /** The Edit button of the question with this text (the question being edited shows its form instead). */
    /** The host's laptop, signed in, on the quiz's editor. */
    private static Person editorOf(Api.Host host, String quizId) {
        Person laptop = browsers.onLaptop("host");
        signedIn(laptop, host);
        laptop.open("/host/edit.html?id=" + quizId);
        return laptop;
    }

    private static Locator editButton(Person person, String questionText) {
        return person.byTestId("question-row").filter(new Locator.FilterOptions().setHasText(questionText)).getByTestId("edit-question");
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

    private static JsonNode quiz(Api.Host host, String quizId) {
        return Api.send("GET", "/quiz/api/quizzes/" + quizId, null, host.accessToken(), null).expect(200, "reading the quiz").json();
    }

    private static List<String> questionTexts(Api.Host host, String quizId) {
        return StreamSupport.stream(quiz(host, quizId).get("questions").spliterator(), false).map(q -> q.get("text").asText()).toList();
    }

    private static JsonNode question(Api.Host host, String quizId, int index) {
        return quiz(host, quizId).get("questions").get(index);
    }

    private static String quizStatus(Api.Host host, String quizId) {
        return quiz(host, quizId).get("status").asText();
    }

    /** A request of the page's, held on its way until the test lets it go. */
    private static final class Held {
        private final Person person;
        private Route route;

        private Held(Person person) {
            this.person = person;
        }

        /** Waits for the request to be sent, then lets it through. */
        void release() {
            person.page().waitForCondition(() -> route != null);
            route.resume();
        }
    }

    /** A new single-choice question "Which one?" of four answers, none marked correct: the API refuses it. */
    private static void savesAQuestionWithNoCorrectAnswerMarked(Person laptop) {
        laptop.byTestId("add-question").click();
        laptop.byTestId("question-type").selectOption("single-choice");
        laptop.byTestId("question-text").fill("Which one?");
        for (int i = 0; i < 4; i++) {
            laptop.byTestId("option-text-" + i).fill("Answer " + i);
        }
        laptop.byTestId("save-question").click();
    }

    /** Holds the first request to these addresses (a glob); later ones go through. */
    private static Held holdFirst(Person person, String urlGlob) {
        Held held = new Held(person);
        person.page().route(urlGlob, route -> {
            if (held.route == null) {
                held.route = route;
            } else {
                route.resume();
            }
        });
        return held;
    }

    /** A small PNG drawn here, so the upload is a real picture. */
    private static byte[] png() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void signedIn(Person person, Api.Host host) {
        ObjectNode session = Api.JSON.createObjectNode().put("accessToken", host.accessToken())
                .put("expiresAt", java.time.Instant.now().plusSeconds(3000).toString());
        session.putObject("user").put("displayName", host.displayName());
        person.open("/");
        person.page().evaluate("s => localStorage.setItem('qp.session', s)", session.toString());
    }
}
