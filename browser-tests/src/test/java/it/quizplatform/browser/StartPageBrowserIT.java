package it.quizplatform.browser;

import com.microsoft.playwright.Locator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start page ({@code /}, served by web-app): where a player types the game PIN. It speaks the browser's
 * language (English or Vietnamese), switches language on request, is accessible, and runs under a
 * Content-Security-Policy that allows no inline script.
 */
class StartPageBrowserIT {

    @RegisterExtension
    static final Browsers browsers = new Browsers();

    @Test
    void anEnglishBrowserGetsTheStartPageInEnglishWithAPinField() {
        Person ada = browsers.onLaptop("Ada");

        ada.open("/");
        assertThat(ada.page()).hasTitle(Pattern.compile("Quiz"));
        assertThat(ada.documentLanguage()).isEqualTo("en");
        assertThat(ada.byTestId("pin-input")).isVisible();
        ada.screenshot("start page in English");

        ada.seesAnAccessiblePage("start page");
    }

    @Test
    void aVietnameseBrowserGetsTheStartPageInVietnamese() {
        Person lan = browsers.onPhone("Lan", "vi-VN");

        lan.open("/");
        assertThat(lan.page().locator("html")).hasAttribute("lang", "vi");
        assertThat(lan.byTestId("pin-input")).isVisible();
        assertThat(lan.byTestId("lang-switch")).hasValue("vi");
        lan.screenshot("start page in Vietnamese");

        lan.seesAnAccessiblePage("start page");
    }

    @Test
    void theLanguageSwitchChangesTheTextAndTheDocumentLanguage() {
        Person ada = browsers.onLaptop("Ada");
        ada.open("/");
        Locator languages = ada.byTestId("lang-switch");
        assertThat(languages).hasValue("en");
        assertThat(languages.locator("option").evaluateAll("options => options.map(o => o.value)").toString())
                .contains("en").contains("vi");
        String english = ada.pageText();
        ada.screenshot("English");

        languages.selectOption("vi");
        assertThat(ada.page().locator("html")).hasAttribute("lang", "vi");
        ada.page().waitForFunction("english => document.body.innerText !== english", english);
        assertThat(ada.pageText()).isNotEqualTo(english);
        ada.screenshot("switched to Vietnamese");
        ada.seesAnAccessiblePage("start page in Vietnamese");

        languages.selectOption("en");
        assertThat(ada.page().locator("html")).hasAttribute("lang", "en");
        ada.page().waitForFunction("english => document.body.innerText === english", english);
        ada.screenshot("back to English");
    }

    @Test
    void theStartPageAllowsNoInlineScript() {
        Api.Reply start = Api.get("/");

        assertThat(start.status()).isEqualTo(200);
        assertThat(start.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        String policy = start.header("Content-Security-Policy")
                .orElseThrow(() -> new AssertionError("GET / has no Content-Security-Policy header"));
        String scriptSrc = directive(policy, "script-src").or(() -> directive(policy, "default-src"))
                .orElseThrow(() -> new AssertionError("the CSP restricts no scripts (no script-src, no default-src): " + policy));
        assertThat(scriptSrc).as("script-src of " + policy).doesNotContain("'unsafe-inline'");
    }

    /** The sources of one directive of a Content-Security-Policy, e.g. {@code 'self'} for {@code script-src}. */
    static Optional<String> directive(String policy, String name) {
        return Arrays.stream(policy.split(";")).map(String::strip)
                .filter(d -> d.toLowerCase(Locale.ROOT).startsWith(name + " ") || d.equalsIgnoreCase(name))
                .map(d -> d.substring(name.length()).strip())
                .findFirst();
    }
}
