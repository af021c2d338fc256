package it.quizplatform.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The host's session in the browser: renewed by the page a minute before it expires, and, once it has ended, a clear
 * page that says so and leads back to where the host was.
 */
class HostSessionBrowserIT {

    @RegisterExtension
    static final Browsers browsers = new Browsers();

    @Test
    void aSessionAboutToExpireIsRenewedByThePage() {
        Api.Host host = Api.registerHost("Renewing Host");
        Person laptop = browsers.onLaptop("host");
        // The token is real; the page is told it expires in 62 s, so it renews it about 5 s from now.
        signedIn(laptop, host.accessToken(), Instant.now().plusSeconds(62));

        laptop.open("/host/quizzes.html");
        laptop.page().waitForFunction("old => JSON.parse(localStorage.getItem('qp.session')).accessToken !== old",
                host.accessToken(), new com.microsoft.playwright.Page.WaitForFunctionOptions().setTimeout(20_000));

        String renewed = (String) laptop.page().evaluate("() => JSON.parse(localStorage.getItem('qp.session')).accessToken");
        assertThat(Api.send("GET", "/quiz/api/caller", null, renewed, null).status()).isEqualTo(200);
        assertThat(Api.send("GET", "/quiz/api/caller", null, host.accessToken(), null).status())
                .as("renewal retires the old token").isEqualTo(401);
        assertThat(laptop.page().url()).contains("/host/quizzes.html");
    }

    @Test
    void anEndedSessionSaysSoAndLeadsBackAfterSigningIn() {
        Api.Host host = Api.registerHost("Returning Host");
        Person laptop = browsers.onLaptop("host");
        signedIn(laptop, host.accessToken(), Instant.now().minusSeconds(1));

        laptop.open("/host/games.html");
        laptop.page().waitForURL(Pattern.compile(".*/host/\\?ended=1.*"));
        assertThat(laptop.byTestId("session-ended")).isVisible();
        laptop.screenshot("session ended");
        laptop.seesAnAccessiblePage("sign-in page after the session ended");

        laptop.byTestId("sign-in-email").fill(host.email());
        laptop.byTestId("sign-in-password").fill(host.password());
        laptop.byTestId("sign-in-submit").click();
        laptop.page().waitForURL(Pattern.compile(".*/host/games\\.html.*"));
    }

    /** Puts a session into the person's browser as the sign-in page would. */
    private static void signedIn(Person person, String token, Instant expiresAt) {
        ObjectNode session = Api.JSON.createObjectNode().put("accessToken", token).put("expiresAt", expiresAt.toString());
        person.open("/");
        person.page().evaluate("s => localStorage.setItem('qp.session', s)", session.toString());
    }
}
