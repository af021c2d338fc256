package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import io.quizplatform.contracts.ContractValidator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;
import org.microshed.testing.kafka.KafkaConsumerClient;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static it.quizplatform.Platform.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Logging in, tokens every service accepts, profile and password changes, logout and renewal. */
@MicroShedTest
public class AuthenticationIT {

    static final List<String> CALLER_ENDPOINTS =
            List.of("/user/api/caller", "/quiz/api/caller", "/answer/api/caller", "/scoring/api/caller");

    @KafkaConsumerClient(groupId = "it-authentication", topics = "user-events",
            keyDeserializer = StringDeserializer.class, valueDeserializer = StringDeserializer.class,
            properties = "auto.offset.reset=earliest")
    public static KafkaConsumer<String, String> userEvents;

    @Test
    void loginIssuesAVerifiableTokenThatEveryServiceAccepts() throws Exception {
        String email = Platform.uniqueEmail("login");
        Platform.postJson("/user/api/users", Platform.registrationJson(email, "Login Tester"));

        Platform.Reply reply = Platform.login(email.toUpperCase(), Platform.PASSWORD);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode session = reply.json();
        assertThat(session.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(session.get("expiresIn").asLong()).isBetween(3000L, 3600L);
        String token = session.get("accessToken").asText();

        JwtClaims claims = Tokens.verify(token);
        String userId = session.get("user").get("id").asText();
        assertThat(claims.getSubject()).isEqualTo(userId);
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("host");
        assertThat(claims.getClaimValueAsString("upn")).isEqualTo(userId);
        assertThat(claims.toJson()).doesNotContain(email).doesNotContain("password");

        for (String endpoint : CALLER_ENDPOINTS) {
            Platform.Reply caller = Platform.get(endpoint, token);
            assertThat(caller.status()).as(endpoint + ": " + caller.body()).isEqualTo(200);
            assertThat(caller.json().get("userId").asText()).isEqualTo(userId);
        }
        assertThat(Platform.get("/user/api/me", token).json().get("email").asText()).isEqualTo(email);
    }

    @Test
    void wrongPasswordAndUnknownAccountGetTheSameAnswer() {
        String email = Platform.uniqueEmail("probe");
        Platform.postJson("/user/api/users", Platform.registrationJson(email, "Probe Target"));

        Platform.Reply wrongPassword = Platform.login(email, "not the password at all");
        Platform.Reply unknown = Platform.login(Platform.uniqueEmail("nobody"), "not the password at all");

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrongPassword.contentType()).startsWith("application/problem+json");
        assertThat(wrongPassword.body()).isEqualTo(unknown.body());
        // A 401 names the scheme to authenticate with (RFC 9110), the same for both.
        assertThat(wrongPassword.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(unknown.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void protectedEndpointsRefuseMissingForgedExpiredAndUnsignedTokens() throws Exception {
        String subject = java.util.UUID.randomUUID().toString();
        List<String> forged = List.of(
                "not-a-jwt",
                Tokens.unsigned(subject),
                Tokens.signedByAStranger(subject),
                Tokens.expired(subject),
                Tokens.fromAnotherIssuer(subject));
        for (String endpoint : CALLER_ENDPOINTS) {
            Platform.Reply none = Platform.get(endpoint);
            assertThat(none.status()).as(endpoint + " without token").isEqualTo(401);
            for (String token : forged) {
                Platform.Reply reply = Platform.get(endpoint, token);
                assertThat(reply.status()).as(endpoint + " with " + token).isEqualTo(401);
                assertThat(reply.body()).doesNotContain(subject);
            }
        }
        assertThat(Platform.get("/user/api/me", Tokens.signedByAStranger(subject)).status()).isEqualTo(401);
    }

    @Test
    void logoutIsHonouredByEveryService() {
        String token = Platform.registerAndLogin(Platform.uniqueEmail("logout"), "Logout Tester");
        assertThat(Platform.get("/quiz/api/caller", token).status()).isEqualTo(200);

        assertThat(Platform.sendJson("DELETE", "/user/api/sessions/current", null, token).status()).isEqualTo(204);

        for (String endpoint : CALLER_ENDPOINTS) {
            Platform.Reply reply = Platform.get(endpoint, token);
            assertThat(reply.status()).as(endpoint).isEqualTo(401);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().get("detail").asText()).contains("logged out");
        }
    }

    /**
     * Redis forgets which tokens were logged out or renewed (here: the keys it loses, deleted); user-app writes them
     * back from user_db within its 15 s round: the ends of the last minutes every round, all of them once the mark of
     * a Redis that holds them all is gone. So a token logged out on a shared computer stays refused, and meanwhile
     * user_db refuses to renew a token that ended, saying how it ended.
     */
    @Test
    void loggedOutAndRenewedTokensAreRefusedAgainSoonAfterRedisLosesThem() throws Exception {
        String loggedOut = Platform.registerAndLogin(Platform.uniqueEmail("logout-lost"), "Logged Out");
        assertThat(Platform.sendJson("DELETE", "/user/api/sessions/current", null, loggedOut).status()).isEqualTo(204);
        Platform.redis("DEL", deniedKey(loggedOut)); // a failover to a replica behind: the mark stays
        assertThat(Platform.get("/quiz/api/caller", loggedOut).status()).as("forgotten by Redis").isEqualTo(200);
        awaitRefused(loggedOut, "logged out");

        String renewed = Platform.registerAndLogin(Platform.uniqueEmail("renewal-lost"), "Renewed");
        assertThat(Platform.sendJson("POST", "/user/api/sessions/refresh", null, renewed).status()).isEqualTo(200);
        String loggedOutToo = Platform.registerAndLogin(Platform.uniqueEmail("logout-renew"), "Logged Out Too");
        assertThat(Platform.sendJson("DELETE", "/user/api/sessions/current", null, loggedOutToo).status()).isEqualTo(204);
        Platform.redis("DEL", "denied-tokens-kept", deniedKey(renewed), deniedKey(loggedOutToo)); // Redis lost everything

        Platform.Reply renewal = Platform.sendJson("POST", "/user/api/sessions/refresh", null, loggedOutToo);
        assertThat(renewal.status()).as("a logged-out token renewed while Redis has forgotten it: " + renewal.body())
                .isEqualTo(401);
        awaitRefused(loggedOutToo, "logged out");
        awaitRefused(renewed, "renewed");
        Platform.await("the mark, set once all are back", Duration.ofSeconds(40), () -> {
            try {
                return ":1".equals(Platform.redis("EXISTS", "denied-tokens-kept")) ? Optional.of(true) : Optional.empty();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static String deniedKey(String token) throws Exception {
        return "denied-token:" + Tokens.verify(token).getJwtId();
    }

    /** Within two of user-app's rounds, every service refuses the token again, saying why. */
    private static void awaitRefused(String token, String why) {
        Platform.Reply refused = Platform.await("the token's end written back", Duration.ofSeconds(40), () -> {
            Platform.Reply reply = Platform.get("/scoring/api/caller", token);
            return reply.status() == 401 ? Optional.of(reply) : Optional.empty();
        });
        assertThat(refused.json().get("detail").asText()).contains(why);
        for (String endpoint : CALLER_ENDPOINTS) {
            assertThat(Platform.get(endpoint, token).status()).as(endpoint).isEqualTo(401);
        }
    }

    @Test
    void refreshIssuesANewTokenAndRetiresTheOldOne() {
        String token = Platform.registerAndLogin(Platform.uniqueEmail("refresh"), "Refresh Tester");

        Platform.Reply refreshed = Platform.sendJson("POST", "/user/api/sessions/refresh", null, token);
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        String renewed = refreshed.json().get("accessToken").asText();

        assertThat(renewed).isNotEqualTo(token);
        assertThat(Platform.get("/scoring/api/caller", renewed).status()).isEqualTo(200);
        Platform.Reply old = Platform.get("/scoring/api/caller", token);
        assertThat(old.status()).isEqualTo(401);
        assertThat(old.json().get("detail").asText()).as("told apart from a logout").contains("renewed");
    }

    @Test
    void renameIsAnnouncedAndReachesQuizApp() throws Exception {
        String token = Platform.registerAndLogin(Platform.uniqueEmail("rename"), "Before Rename");
        String userId = Platform.get("/user/api/me", token).json().get("id").asText();

        Platform.Reply renamed = Platform.sendJson("PATCH", "/user/api/me", "{\"displayName\":\"After Rename\"}", token);
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("displayName").asText()).isEqualTo("After Rename");

        ConsumerRecord<String, String> record = Platform.awaitRecord(userEvents, Duration.ofSeconds(30),
                r -> userId.equals(r.key()) && r.value().contains("user.profile-updated"));
        assertThat(ContractValidator.violations(record.value())).isEmpty();
        JsonNode event = Platform.JSON.readTree(record.value());
        assertThat(event.get("version").asLong()).isEqualTo(2);
        assertThat(event.get("payload").get("displayName").asText()).isEqualTo("After Rename");

        await("quiz-app to show the new name", Duration.ofSeconds(30), () -> {
            Platform.Reply host = Platform.get("/quiz/api/hosts/" + userId);
            return host.status() == 200 && "After Rename".equals(host.json().get("displayName").asText())
                    ? Optional.of(true) : Optional.empty();
        });

        long outboxBefore = Platform.count("USER", "SELECT count(*) FROM outbox");
        Platform.Reply bad = Platform.sendJson("PATCH", "/user/api/me", "{\"displayName\":\"<img src=x onerror=alert(1)>\"}", token);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").findValuesAsText("field")).contains("displayName");
        assertThat(Platform.count("USER", "SELECT count(*) FROM outbox")).isEqualTo(outboxBefore);
    }

    @Test
    void aRevocationIsFollowedByTheProfileSoThatTheCompactedTopicStillHoldsTheAccount() throws Exception {
        String email = Platform.uniqueEmail("revoked-profile");
        String token = Platform.registerAndLogin(email, "Still Known");
        String userId = Platform.get("/user/api/me", token).json().get("id").asText();
        Platform.Reply changed = Platform.sendJson("PUT", "/user/api/me/password", "{\"currentPassword\":\""
                + Platform.PASSWORD + "\",\"newPassword\":\"a much better passphrase 2026\"}", token);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);

        // user-events keeps only each key's last record: a revocation last would leave a later reader (a rebuilt
        // read model, a new consumer) without the account, so the profile follows it.
        java.util.List<JsonNode> ofAccount = new java.util.ArrayList<>();
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        while (ofAccount.stream().noneMatch(e -> e.get("type").asText().equals("user.sessions-revoked"))
                || !ofAccount.get(ofAccount.size() - 1).get("type").asText().equals("user.profile-updated")) {
            assertThat(java.time.Instant.now()).as("the account's records so far: " + ofAccount).isBefore(deadline);
            for (ConsumerRecord<String, String> record : userEvents.poll(Duration.ofMillis(500))) {
                if (userId.equals(record.key())) {
                    assertThat(ContractValidator.violations(record.value())).isEmpty();
                    ofAccount.add(Platform.JSON.readTree(record.value()));
                }
            }
        }
        assertThat(ofAccount).extracting(e -> e.get("type").asText())
                .containsExactly("user.registered", "user.sessions-revoked", "user.profile-updated");
        assertThat(ofAccount.get(2).get("payload").get("displayName").asText()).isEqualTo("Still Known");
    }

    @Test
    void passwordChangeNeedsTheCurrentPassword() {
        String email = Platform.uniqueEmail("password");
        String token = Platform.registerAndLogin(email, "Password Changer");
        String newPassword = "a much better passphrase 2026";

        Platform.Reply wrongCurrent = Platform.sendJson("PUT", "/user/api/me/password",
                "{\"currentPassword\":\"not it at all\",\"newPassword\":\"" + newPassword + "\"}", token);
        assertThat(wrongCurrent.status()).isEqualTo(400);
        assertThat(wrongCurrent.json().get("errors").findValuesAsText("field")).contains("currentPassword");

        Platform.Reply weak = Platform.sendJson("PUT", "/user/api/me/password",
                "{\"currentPassword\":\"" + Platform.PASSWORD + "\",\"newPassword\":\"short\"}", token);
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("detail").asText()).contains("at least 10 characters");
        assertThat(Platform.login(email, Platform.PASSWORD).status()).isEqualTo(200);

        Platform.Reply changed = Platform.sendJson("PUT", "/user/api/me/password",
                "{\"currentPassword\":\"" + Platform.PASSWORD + "\",\"newPassword\":\"" + newPassword + "\"}", token);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(Platform.login(email, Platform.PASSWORD).status()).isEqualTo(401);
        assertThat(Platform.login(email, newPassword).status()).isEqualTo(200);
    }

    @Test
    void guessingTheCurrentPasswordIsLimitedPerAccountAndAddressNotTheOwnersChange() {
        String email = Platform.uniqueEmail("guess");
        String token = Platform.registerAndLogin(email, "Password Guesser");
        String thief = Platform.randomAddress();
        String newPassword = "a much better passphrase 2026";
        for (int i = 0; i < 10; i++) {
            assertThat(changePassword(thief, token, "guess " + i, newPassword).status()).isEqualTo(400);
        }
        assertThat(changePassword(thief, token, "guess 10", "short").status()).as("a weak new password is not a guess")
                .isEqualTo(400);
        Platform.Reply limited = changePassword(thief, token, Platform.PASSWORD, newPassword);
        assertThat(limited.status()).as("even the right one waits from there").isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();

        Platform.Reply owners = changePassword(Platform.randomAddress(), token, Platform.PASSWORD, newPassword);
        assertThat(owners.status()).as("the owner, elsewhere: " + owners.body()).isEqualTo(200);
        assertThat(Platform.login(email, newPassword).status()).isEqualTo(200);
    }

    @Test
    void guessesSentAllAtOnceAreCountedToo() throws Exception {
        String token = Platform.registerAndLogin(Platform.uniqueEmail("parallel-guess"), "Parallel Guesser");
        String thief = Platform.randomAddress();
        java.util.concurrent.ExecutorService guessers = java.util.concurrent.Executors.newFixedThreadPool(30);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String guess = "parallel guess " + i;
                answers.add(guessers.submit(() -> changePassword(thief, token, guess, "a much better passphrase 2026").status()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            // Each guess checked is a 400; the limit lets 10 be checked, however many arrive together.
            assertThat(statuses).containsOnly(400, 429);
            assertThat(statuses.stream().filter(s -> s == 400).count()).isLessThanOrEqualTo(10);
        } finally {
            guessers.shutdownNow();
        }
    }

    private static Platform.Reply changePassword(String from, String token, String current, String wanted) {
        return Platform.send(Platform.requestFrom(from, "/user/api/me/password").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        Platform.JSON.createObjectNode().put("currentPassword", current).put("newPassword", wanted).toString())));
    }

    @Test
    void oneTokenRenewedTwiceAtOnceGivesOneNewSessionOnly() throws Exception {
        String token = Platform.registerAndLogin(Platform.uniqueEmail("fork"), "Fork Tester");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Platform.Reply>> renewals = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                renewals.add(pool.submit(() -> Platform.sendJson("POST", "/user/api/sessions/refresh", null, token)));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var renewal : renewals) {
                statuses.add(renewal.get(30, java.util.concurrent.TimeUnit.SECONDS).status());
            }
            assertThat(statuses).as("of four renewals of one token at once").containsOnlyOnce(200)
                    .filteredOn(s -> s != 200).containsOnly(401);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void operatorConfiguredAdminGetsTheAdminRole() throws Exception {
        String admin = "operator@quiz-platform.test";
        Platform.postJson("/user/api/users", Platform.registrationJson(admin, "Operator"));
        Platform.Reply login = Platform.login(admin, Platform.PASSWORD);
        assertThat(login.status()).isEqualTo(200);
        assertThat(Tokens.verify(login.json().get("accessToken").asText()).getStringListClaimValue("groups"))
                .containsExactlyInAnyOrder("host", "admin");
    }

    @Test
    void badLoginInputIsA400Problem() {
        assertThat(Platform.postJson("/user/api/sessions", "{\"email\":").status()).isEqualTo(400);
        Platform.Reply missing = Platform.postJson("/user/api/sessions", "{\"email\":\"a@example.com\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").findValuesAsText("field")).contains("password");
        assertThat(Platform.postJson("/user/api/sessions", "{\"email\":\"a@example.com\",\"password\":\""
                + "x".repeat(129) + "\"}").status()).isEqualTo(400);
    }
}
