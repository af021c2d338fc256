package it.quizplatform.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The host's quiz library: importing a quiz from a file. */
class QuizLibraryBrowserIT {

    @RegisterExtension
    static final Browsers browsers = new Browsers();

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
