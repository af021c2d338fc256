package it.quizplatform.browser;

import com.microsoft.playwright.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The harness itself, on pages it serves to itself (no server involved): it must see what it promises to see, or
 * the other browser tests pass for nothing.
 */
class HarnessBrowserIT {

    @RegisterExtension
    static final Browsers browsers = new Browsers();

    static final String PAGE = "http://harness.test/";

    /** {@code person} gets {@code html} with this Content-Security-Policy for every request to the pretend site. */
    static void serve(Person person, String csp, String html) {
        person.context().route(PAGE + "**", route -> route.fulfill(new Route.FulfillOptions()
                .setStatus(200)
                .setHeaders(Map.of("Content-Type", "text/html; charset=utf-8", "Content-Security-Policy", csp))
                .setBody(html)));
        person.page().navigate(PAGE);
    }

    @Test
    void anInlineScriptBlockedByTheContentSecurityPolicyIsAProblem() {
        Person checker = browsers.onLaptop("checker");
        serve(checker, "script-src 'self'", "<!doctype html><html lang=\"en\"><title>t</title><main><h1>Hi</h1>"
                + "<script>document.title = 'inline ran'</script></main></html>");
        checker.page().evaluate("0");

        assertThat(checker.page().title()).isEqualTo("t");
        assertThat(checker.problems().unexpected())
                .anySatisfy(problem -> assertThat(problem).startsWith("console error:").contains("Content Security Policy"));
        assertThat(browsers.problemReport()).startsWith("checker (laptop, en-US):\n  - console error:");

        checker.expectsProblem("Content Security Policy"); // seen: the test ends clean
        assertThat(browsers.problemReport()).isEmpty();
    }

    @Test
    void anUncaughtErrorIsAProblem() {
        Person checker = browsers.onPhone("checker");
        serve(checker, "default-src 'self' 'unsafe-inline'", "<!doctype html><html lang=\"en\"><title>t</title>"
                + "<script>setTimeout(() => { throw new Error('boom') })</script></html>");
        checker.page().waitForTimeout(100);

        assertThat(checker.problems().unexpected()).anySatisfy(problem -> assertThat(problem).startsWith("page error:").contains("boom"));
        checker.expectsProblem("boom");
    }

    @Test
    void axeReportsASeriousViolationWithRuleImpactTargetAndHelp() {
        Person checker = browsers.onLaptop("checker");
        serve(checker, "default-src 'self'", "<!doctype html><html lang=\"en\"><title>t</title><main><h1>Hi</h1>"
                + "<button id=\"nameless\"></button></main></html>");

        assertThatThrownBy(() -> checker.seesAnAccessiblePage("nameless button page"))
                .hasMessageContaining("button-name [critical]")
                .hasMessageContaining("#nameless")
                .hasMessageContaining("Buttons must have discernible text");
    }

    @Test
    void aCleanPageUnderAStrictPolicyPassesAndEveryStepIsAPicture() throws Exception {
        Person checker = browsers.onBigScreen("big screen");
        serve(checker, "default-src 'self'", "<!doctype html><html lang=\"en\"><title>t</title><main><h1>Hi</h1>"
                + "<button>Start</button></main></html>");

        checker.seesAnAccessiblePage("clean page");
        Path picture = checker.screenshot("Clean page, nothing wrong!");

        assertThat(picture).isEqualTo(browsers.screens().dir().resolve("01-big-screen-clean-page-nothing-wrong.png"));
        assertThat(browsers.screens().dir().getFileName())
                .hasToString("HarnessBrowserIT.aCleanPageUnderAStrictPolicyPassesAndEveryStepIsAPicture");
        assertThat(Files.size(picture)).isPositive();
        assertThat(checker.problems().unexpected()).isEmpty();
        assertThat(checker.page().viewportSize().width).isEqualTo(1920);
    }
}
