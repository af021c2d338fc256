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

        signInOnThePage(laptop, host, "games");
    }

    @Test
    void aLaptopWokenAfterItsSessionExpiredGoesToSigningInAndBack() {
        Api.Host host = Api.registerHost("Sleepy Host");
        Person laptop = asleepOnTheLibrary(host);
        laptop.page().evaluate("() => document.dispatchEvent(new Event('visibilitychange'))");

        laptop.page().waitForURL(Pattern.compile(".*/host/\\?ended=1.*"));
        assertThat(laptop.byTestId("session-ended")).isVisible();
        signInOnThePage(laptop, host, "quizzes");
    }

    @Test
    void aClickAfterTheSessionExpiredLeadsToSigningInNotToTheServersRefusal() {
        Api.Host host = Api.registerHost("Sleepy Clicker");
        Person laptop = asleepOnTheLibrary(host);
        laptop.byTestId("new-quiz-title").fill("Written after the nap");
        laptop.byTestId("create-quiz").click();

        laptop.page().waitForURL(Pattern.compile(".*/host/\\?ended=1.*"));
        assertThat(laptop.byTestId("session-ended")).isVisible();
    }

    /**
     * The host's laptop on the library, signed in for an hour; then its stored session expired a second ago, as after a
     * laptop slept through its renewal (no event tells the page).
     */
    private static Person asleepOnTheLibrary(Api.Host host) {
        Person laptop = browsers.onLaptop("host");
        signedIn(laptop, host.accessToken(), Instant.now().plusSeconds(3600));
        laptop.open("/host/quizzes.html");
        assertThat(laptop.byTestId("create-quiz")).isVisible();
        asleepPastTheExpiry(laptop);
        return laptop;
    }

    private static void asleepPastTheExpiry(Person person) {
        person.page().evaluate("() => { const s = JSON.parse(localStorage.getItem('qp.session'));"
                + " s.expiresAt = new Date(Date.now() - 1000).toISOString(); delete s.expiresAtHere;"
                + " localStorage.setItem('qp.session', JSON.stringify(s)); }");
    }

    @Test
    void aComputerWhoseClockIsAnHourFastSignsInAndStaysSignedIn() {
        Api.Host host = Api.registerHost("Fast Clock Host");
        Person laptop = browsers.onLaptop("host");
        // A classroom PC an hour and a minute ahead (a summer-time change made by hand): the token's lifetime counts
        // from its arrival here, so the page does not take the session for ended the moment it begins.
        laptop.page().clock().install(new com.microsoft.playwright.Clock.InstallOptions()
                .setTime(Instant.now().plus(java.time.Duration.ofMinutes(61)).toEpochMilli()));
        laptop.open("/host/");
        laptop.byTestId("sign-in-email").fill(host.email());
        laptop.byTestId("sign-in-password").fill(host.password());
        laptop.byTestId("sign-in-submit").click();

        laptop.page().waitForURL(Pattern.compile(".*/host/quizzes\\.html$"));
        laptop.byTestId("new-quiz-title").fill("Made on a fast clock");
        laptop.byTestId("create-quiz").click();
        laptop.page().waitForURL(Pattern.compile(".*/host/edit\\.html\\?id=.*"));
        assertThat(laptop.page().url()).doesNotContain("ended=1");
    }

    @Test
    void aNextPageOnAnotherSiteIsNotFollowed() {
        Api.Host host = Api.registerHost("Careful Host");
        Person laptop = browsers.onLaptop("host");
        signedIn(laptop, host.accessToken(), Instant.now().plusSeconds(3600));
        // "/.//elsewhere.invalid" resolves to the path "//elsewhere.invalid", which a browser reads as another site.
        for (String next : new String[]{"/.//elsewhere.invalid/x", "/..//elsewhere.invalid", "/%2e//elsewhere.invalid",
                "//elsewhere.invalid", "/host/..//elsewhere.invalid"}) {
            laptop.open("/host/?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
            laptop.page().waitForURL(Pattern.compile(".*/host/quizzes\\.html$"));
        }
        laptop.open("/host/?next=" + java.net.URLEncoder.encode("/host/games.html", java.nio.charset.StandardCharsets.UTF_8));
        laptop.page().waitForURL(Pattern.compile(".*/host/games\\.html$"));
    }

    @Test
    void aKeyboardHostKeepsTheFocusOnStartWhileAClassJoinsAndStartsWithEnter() {
        Api.Host host = Api.registerHost("Keyboard Host");
        Api.Game game = Api.newGame(host, Api.publishedQuiz(host, "Keys", Api.singleChoice("2 + 2?", 20, "4", "5")));
        Api.join(game, "Ada");
        Person screen = browsers.onBigScreen("big screen");
        signedIn(screen, host.accessToken(), Instant.now().plusSeconds(3600));
        screen.open("/host/game.html?id=" + game.id());
        assertThat(screen.byTestId("start-game")).isEnabled();
        screen.byTestId("start-game").focus();
        screen.page().evaluate("() => { window.qpStart = document.querySelector('[data-testid=start-game]'); }");

        for (String pupil : new String[]{"Bob", "Cleo", "Dan", "Eve", "Finn"}) {
            Api.join(game, pupil);
        }
        assertThat(screen.byTestId("lobby-player")).hasCount(6);
        // The lobby was redrawn for each join: the same button, still focused (a rebuilt one lost the focus, and a
        // click pressed across a redraw).
        assertThat((Boolean) screen.page().evaluate("() => window.qpStart === document.activeElement")).isTrue();

        screen.page().keyboard().press("Enter");
        assertThat(screen.byTestId("preview")).isVisible();
    }

    @Test
    void aBigScreenWhoseSessionIsRenewedCommandsTheGameWithTheNewToken() {
        Api.Host host = Api.registerHost("Screen Host");
        Api.Game game = Api.newGame(host, Api.publishedQuiz(host, "Renewed screen", Api.singleChoice("2 + 2?", 20, "4", "5")));
        Api.join(game, "Ada");
        Person screen = browsers.onBigScreen("big screen");
        // The page is told the token expires in 62 s, so it renews it about 5 s after opening the game.
        signedIn(screen, host.accessToken(), Instant.now().plusSeconds(62));
        java.util.List<String> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
        screen.page().onWebSocket(socket -> sockets.add(socket.url()));
        // Every state the connection line goes through, from the page's first moment.
        screen.page().addInitScript("window.qpStatuses = []; new MutationObserver((changes) => changes.forEach((change) => {"
                + " if (change.target.dataset?.testid === 'connection') window.qpStatuses.push(change.target.className); }))"
                + ".observe(document, { subtree: true, attributes: true, attributeFilter: ['class'] });");

        screen.open("/host/game.html?id=" + game.id());
        assertThat(screen.byTestId("start-game")).isEnabled();
        screen.page().waitForFunction("old => JSON.parse(localStorage.getItem('qp.session')).accessToken !== old",
                host.accessToken(), new com.microsoft.playwright.Page.WaitForFunctionOptions().setTimeout(20_000));
        // The screen says hello again with the new token at once, so its next command does not go out on the old one;
        // a click before that welcome is refused on the page ("not connected"), so the host, like this test, waits
        // for it.
        screen.page().waitForCondition(() -> sockets.size() >= 2,
                new com.microsoft.playwright.Page.WaitForConditionOptions().setTimeout(10_000));
        // Welcomed again: a new connection (after the first welcome) and an open line after it.
        screen.page().waitForFunction("() => { const seen = window.qpStatuses;"
                        + " const again = seen.lastIndexOf('connection connecting');"
                        + " return again > seen.indexOf('connection open') && seen.lastIndexOf('connection open') > again; }",
                null, new com.microsoft.playwright.Page.WaitForFunctionOptions().setTimeout(10_000));
        assertThat((String) screen.page().evaluate("() => window.qpStatuses.join(' / ')"))
                .as("a renewal is no lost connection: no back-off, no 'reconnecting' on the big screen")
                .doesNotContain("retrying");
        assertThat(screen.byTestId("start-game")).isEnabled();

        screen.byTestId("start-game").click();
        String renewed = (String) screen.page().evaluate("() => JSON.parse(localStorage.getItem('qp.session')).accessToken");
        String phase = "lobby";
        for (int i = 0; i < 50 && "lobby".equals(phase); i++) {
            screen.page().waitForTimeout(200);
            phase = Api.send("GET", "/quiz/api/games/" + game.id(), null, renewed, null).json().get("phase").asText();
        }
        assertThat(phase).as("the start, sent after the renewal, was run").isNotEqualTo("lobby");
    }

    @Test
    void aBigScreenWhoseHostLoggedOutElsewhereLeadsToSigningIn() {
        Api.Host host = Api.registerHost("Screen Leaving");
        Api.Game game = Api.newGame(host, Api.publishedQuiz(host, "Left screen", Api.singleChoice("2 + 2?", 20, "4", "5")));
        Person screen = browsers.onBigScreen("big screen");
        signedIn(screen, host.accessToken(), Instant.now().plusSeconds(3600));
        screen.open("/host/game.html?id=" + game.id());
        assertThat(screen.byTestId("game-pin")).hasText(game.pin());

        // Logged out on another device: the screen, which only listens, is let go within the server's 30 s sweep.
        Api.send("DELETE", "/user/api/sessions/current", null, host.accessToken(), null).expect(204, "logging out");
        screen.page().waitForURL(Pattern.compile(".*/host/\\?ended=1.*"),
                new com.microsoft.playwright.Page.WaitForURLOptions().setTimeout(45_000));
        assertThat(screen.byTestId("session-ended")).isVisible();
    }

    @Test
    void aTeacherWhoseAccountIsFloodedWithWrongPasswordsStillSignsInOnTheirOwnLaptop() {
        Api.Host host = Api.registerHost("Flooded Host");
        Person laptop = browsers.onLaptop("host");
        signInOnThePage(laptop, host);
        assertThat(laptop.context().cookies()).as("the page kept the server's known-browser cookie, out of scripts' reach")
                .anySatisfy(cookie -> {
                    assertThat(cookie.name).isEqualTo("qp_known_device");
                    assertThat(cookie.httpOnly).isTrue();
                });
        // Signed out, once the quizzes page has made its calls (cleared under it, one went without a token: a 401).
        laptop.open("/");
        laptop.page().waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        laptop.page().evaluate("() => localStorage.clear()");

        // A pupil who knows the teacher's e-mail sends wrong passwords from many addresses (the API's calls each
        // come from an address of their own).
        ObjectNode guess = Api.JSON.createObjectNode().put("email", host.email());
        for (int i = 0; i < 11; i++) {
            Api.post("/user/api/sessions", guess.put("password", "guess number " + i).toString(), null);
        }
        Person anotherComputer = browsers.onLaptop("someone else");
        anotherComputer.open("/host/");
        anotherComputer.byTestId("sign-in-email").fill(host.email());
        anotherComputer.byTestId("sign-in-password").fill(host.password());
        anotherComputer.byTestId("sign-in-submit").click();
        anotherComputer.expectsProblem("status of 429");
        assertThat(anotherComputer.byTestId("sign-in-error")).containsText("Too many attempts");
        // The account's window is a quarter of an hour: the page says how long, from Retry-After, not "a minute".
        assertThat(anotherComputer.byTestId("sign-in-error")).containsText(Pattern.compile("Try again in 1[0-5] minutes"));

        signInOnThePage(laptop, host);
    }

    private static void signInOnThePage(Person person, Api.Host host) {
        person.open("/host/");
        signInOnThePage(person, host, "quizzes");
    }

    /** Signs in on the sign-in page the person is on, and lands on /host/{page}.html. */
    private static void signInOnThePage(Person person, Api.Host host, String page) {
        person.byTestId("sign-in-email").fill(host.email());
        person.byTestId("sign-in-password").fill(host.password());
        person.byTestId("sign-in-submit").click();
        person.page().waitForURL(Pattern.compile(".*/host/" + page + "\\.html.*"));
    }

    /** Puts a session into the person's browser as the sign-in page would. */
    private static void signedIn(Person person, String token, Instant expiresAt) {
        ObjectNode session = Api.JSON.createObjectNode().put("accessToken", token).put("expiresAt", expiresAt.toString());
        person.open("/");
        person.page().evaluate("s => localStorage.setItem('qp.session', s)", session.toString());
    }
}
