package it.quizplatform;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login and registration are limited per client address and per account, with counters in Redis; when Redis is
 * down the limiter lets requests through (and counts that) rather than locking everyone out. Redis is stopped last:
 * after its restart the services' pools hold broken connections until each is used once or evicted (30 s), and each
 * such use lets one attempt through uncounted, which the exact counts of the other tests cannot allow.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class RateLimitIT {

    private static Platform.Reply loginFrom(String address, String email, String password) {
        return Platform.send(login(address, email, password));
    }

    private static HttpRequest.Builder login(String address, String email, String password) {
        return Platform.requestFrom(address, "/user/api/sessions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"));
    }

    /** A login from a browser that keeps the cookie of an earlier sign-in. */
    private static Platform.Reply loginWithCookie(String cookie, String email, String password) {
        return Platform.send(login(Platform.randomAddress(), email, password).header("Cookie", cookie));
    }

    /** The known-browser cookie a login set, as a browser sends it back ({@code name=value}). */
    private static String knownDeviceCookie(Platform.Reply login) {
        String setCookie = login.header("Set-Cookie");
        assertThat(setCookie).as("the login's Set-Cookie").isNotNull().startsWith("qp_known_device=");
        return setCookie.split(";", 2)[0];
    }

    @Test
    void tooManyLoginsFromOneAddressGet429WithRetryAfter() {
        String address = Platform.randomAddress();
        Platform.Reply last = null;
        for (int i = 0; i < 31; i++) {
            last = loginFrom(address, Platform.uniqueEmail("flood"), "wrong password " + i);
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.contentType()).startsWith("application/problem+json");
        assertThat(last.json().get("detail").asText()).contains("Try again in");
        assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 300L);
        // Another address is not affected.
        assertThat(loginFrom(Platform.randomAddress(), Platform.uniqueEmail("other"), "wrong password").status()).isEqualTo(401);
    }

    @Test
    void tooManyLoginsForOneAccountGet429EvenFromManyAddresses() {
        String email = Platform.uniqueEmail("target");
        Platform.postJson("/user/api/users", Platform.registrationJson(email, "Targeted"));
        Platform.Reply last = null;
        for (int i = 0; i < 11; i++) {
            last = loginFrom(Platform.randomAddress(), email, "guess number " + i);
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(Platform.send(Platform.requestFrom(Platform.randomAddress(), "/user/api/sessions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + Platform.PASSWORD + "\"}")))
                .status()).as("even the right password waits").isEqualTo(429);
    }

    @Test
    void theOwnerStillSignsInFromABrowserWhereTheySignedInBeforeWhileTheAccountIsFlooded() {
        String email = Platform.uniqueEmail("teacher");
        Platform.postJson("/user/api/users", Platform.registrationJson(email, "Teacher"));
        Platform.Reply first = loginFrom(Platform.randomAddress(), email, Platform.PASSWORD);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Set-Cookie")).as("never readable by scripts, never sent from another site or over plain"
                        + " HTTP, only to the login")
                .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict").containsIgnoringCase("Secure")
                .containsIgnoringCase("Path=/user/api/sessions").containsIgnoringCase("Max-Age=2592000");
        String teachersBrowser = knownDeviceCookie(first);
        String email2 = Platform.uniqueEmail("pupil");
        Platform.postJson("/user/api/users", Platform.registrationJson(email2, "Pupil"));
        String pupilsBrowser = knownDeviceCookie(loginFrom(Platform.randomAddress(), email2, Platform.PASSWORD));

        flood(email);
        assertThat(loginFrom(Platform.randomAddress(), email, Platform.PASSWORD).status())
                .as("a new browser waits, even with the right password").isEqualTo(429);
        assertThat(loginWithCookie(pupilsBrowser, email, "guess number 12").status())
                .as("a browser known for another account is not known for this one").isEqualTo(429);
        assertThat(loginWithCookie("qp_known_device=" + "A".repeat(43), email, "guess number 13").status())
                .as("a token never handed out").isEqualTo(429);
        assertThat(loginWithCookie("$Version=x; qp_known_device=\"unterminated", email, Platform.PASSWORD).status())
                .as("a malformed Cookie header is no known browser, and no reason to refuse the login otherwise")
                .isEqualTo(429);

        Platform.Reply owner = loginWithCookie(teachersBrowser, email, Platform.PASSWORD);
        assertThat(owner.status()).as("the teacher's own browser: " + owner.body()).isEqualTo(200);
        String renewedBrowser = knownDeviceCookie(owner);
        assertThat(renewedBrowser).as("each sign-in hands out a new token").isNotEqualTo(teachersBrowser);
        assertThat(loginWithCookie(teachersBrowser, email, Platform.PASSWORD).status())
                .as("the token it replaced is forgotten").isEqualTo(429);
        assertThat(loginWithCookie(renewedBrowser, email, "still a guess").status())
                .as("the password is checked as always").isEqualTo(401);
    }

    @Test
    void aClassroomComputerRemembersEveryTeacherWhoSignsInOnIt() {
        String ada = Platform.uniqueEmail("ada");
        String grace = Platform.uniqueEmail("grace");
        Platform.postJson("/user/api/users", Platform.registrationJson(ada, "Ada"));
        Platform.postJson("/user/api/users", Platform.registrationJson(grace, "Grace"));
        String computer = knownDeviceCookie(loginFrom(Platform.randomAddress(), ada, Platform.PASSWORD));
        computer = knownDeviceCookie(loginWithCookie(computer, grace, Platform.PASSWORD));

        flood(ada);
        flood(grace);
        Platform.Reply adaAgain = loginWithCookie(computer, ada, Platform.PASSWORD);
        assertThat(adaAgain.status()).as("Ada, after Grace signed in on the same computer").isEqualTo(200);
        computer = knownDeviceCookie(adaAgain);
        assertThat(loginWithCookie(computer, grace, Platform.PASSWORD).status()).as("and Grace, after Ada")
                .isEqualTo(200);
    }

    @Test
    void aTokenCopiedOutOfABrowserGetsNoMoreGuessesThanAnyone() {
        String email = Platform.uniqueEmail("copied");
        Platform.postJson("/user/api/users", Platform.registrationJson(email, "Copied"));
        String browser = knownDeviceCookie(loginFrom(Platform.randomAddress(), email, Platform.PASSWORD));
        flood(email);
        for (int i = 0; i < 10; i++) {
            assertThat(loginWithCookie(browser, email, "guess number " + i).status()).as("within the browser's own limit")
                    .isEqualTo(401);
        }
        assertThat(loginWithCookie(browser, email, Platform.PASSWORD).status())
                .as("then held to the account's, flooded: a copied token buys 10 guesses a quarter of an hour, no more")
                .isEqualTo(429);
    }

    @Test
    void theTeachersBrowserSignsInFromTheSchoolsAddressThatAPupilFloodedAndAfterAPasswordChange() {
        String email = Platform.uniqueEmail("school");
        Platform.postJson("/user/api/users", Platform.registrationJson(email, "School"));
        String school = Platform.randomAddress();
        Platform.Reply signedIn = loginFrom(school, email, Platform.PASSWORD);
        String laptop = knownDeviceCookie(signedIn);
        Platform.Reply changed = Platform.sendJson("PUT", "/user/api/me/password", "{\"currentPassword\":\""
                + Platform.PASSWORD + "\",\"newPassword\":\"another good passphrase 42\"}",
                signedIn.json().get("accessToken").asText());
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);

        for (int i = 0; i < 31; i++) {
            loginFrom(school, email, "guess number " + i);
        }
        assertThat(loginFrom(school, email, "another good passphrase 42").status()).as("a new browser at the school waits")
                .isEqualTo(429);
        Platform.Reply teacher = Platform.send(login(school, email, "another good passphrase 42").header("Cookie", laptop));
        assertThat(teacher.status()).as("the teacher's laptop, at the same address, after the password change: "
                + teacher.body()).isEqualTo(200);
    }

    /** Wrong passwords for the account from many addresses, until its own limit is reached. */
    private static void flood(String email) {
        for (int i = 0; i < 11; i++) {
            loginFrom(Platform.randomAddress(), email, "guess number " + i);
        }
    }

    @Test
    void tooManyRegistrationsFromOneAddressGet429() {
        String address = Platform.randomAddress();
        int status = 0;
        for (int i = 0; i < 21; i++) {
            status = Platform.send(Platform.requestFrom(address, "/user/api/users")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Platform.registrationJson(Platform.uniqueEmail("bulk"), "Bulk")))).status();
        }
        assertThat(status).isEqualTo(429);
    }

    @Test
    void aLoopOfRenewalsIsStoppedAtTheAccountsLimitAndTheLastTokenStillWorks() {
        // Each renewal records its old token in user_db until it expires: a loop of them would grow that table.
        String token = Platform.registerAndLogin(Platform.uniqueEmail("renewals"), "Renewal Loop");
        for (int i = 0; i < 120; i++) {
            Platform.Reply renewed = renew(token);
            assertThat(renewed.status()).as("renewal " + (i + 1) + ": " + renewed.body()).isEqualTo(200);
            token = renewed.json().get("accessToken").asText();
        }
        Platform.Reply refused = renew(token);
        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asText()).contains("renewals for this account");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3600L);
        assertThat(Platform.get("/quiz/api/caller", token).status()).as("the token presented, refused a renewal").isEqualTo(200);
        assertThat(renew(Platform.registerAndLogin(Platform.uniqueEmail("renewals"), "Another Account")).status())
                .as("another account's renewal").isEqualTo(200);
    }

    private static Platform.Reply renew(String token) {
        return Platform.sendJson("POST", "/user/api/sessions/refresh", null, token);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void loginStillWorksWhenRedisIsDown() {
        String email = Platform.uniqueEmail("redisdown");
        Platform.postJson("/user/api/users", Platform.registrationJson(email, "Redis Down"));
        double before = unavailableCount();
        Platform.control("POST", "/redis/stop");
        try {
            Platform.Reply login = Platform.login(email, Platform.PASSWORD);
            assertThat(login.status()).as(login.body()).isEqualTo(200);
            assertThat(Platform.get("/quiz/api/caller", login.json().get("accessToken").asText()).status()).isEqualTo(200);
        } finally {
            Platform.control("POST", "/redis/start");
        }
        assertThat(unavailableCount()).isGreaterThan(before);
    }

    private static double unavailableCount() {
        return Platform.get("/metrics?scope=application").body().lines()
                .filter(l -> l.startsWith("rate_limiter_unavailable_total{") && l.contains("service=\"user-app\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
