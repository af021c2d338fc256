package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets a clear problem+json 4xx and changes nothing, in the database or on the outbox. */
public class RegistrationValidationIT {

    private static long users() {
        return Platform.count("USER", "SELECT count(*) FROM users");
    }

    private static long outbox() {
        return Platform.count("USER", "SELECT count(*) FROM outbox");
    }

    private static JsonNode assertProblem(Platform.Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("at io.");
        return problem;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            invalid email        | {"email":"not-an-address","displayName":"Ada","password":"correct horse battery"}  | email | email
            missing email        | {"displayName":"Ada","password":"correct horse battery"}                            | email | required
            missing display name | {"email":"ada@example.com","password":"correct horse battery"}                       | displayName | required
            script in name       | {"email":"ada@example.com","displayName":"<script>x</script>","password":"correct horse battery"} | displayName | pattern
            short password       | {"email":"ada@example.com","displayName":"Ada","password":"short"}                | password | too-short
            common password      | {"email":"ada@example.com","displayName":"Ada","password":"Password123"}          | password | common
            sql in email         | {"email":"x' OR '1'='1@example.com; DROP TABLE users;--","displayName":"Ada","password":"correct horse battery"} | email | email
            """)
    void invalidFieldsAreNamedWithTheRulesCode(String name, String body, String field, String code) {
        long usersBefore = users();
        long outboxBefore = outbox();

        JsonNode problem = assertProblem(Platform.postJson("/user/api/users", body), 400);

        assertThat(problem.get("errors")).as(problem.toString())
                .anySatisfy(e -> assertThat(e.path("field").asText() + " " + e.path("code").asText()).isEqualTo(field + " " + code));
        assertThat(users()).isEqualTo(usersBefore);
        assertThat(outbox()).isEqualTo(outboxBefore);
    }

    @Test
    void overlongDisplayNameIsRefused() {
        String body = Platform.registrationJson(Platform.uniqueEmail("long"), "a".repeat(61));
        JsonNode problem = assertProblem(Platform.postJson("/user/api/users", body), 400);
        assertThat(problem.get("detail").asText()).contains("displayName").contains("60");
    }

    @Test
    void malformedJsonAndWrongTypesAreRefused() {
        long before = users();
        assertProblem(Platform.postJson("/user/api/users", "{\"email\":"), 400);
        assertProblem(Platform.postJson("/user/api/users", "{\"email\":5,\"displayName\":[1],\"password\":true}"), 400);
        assertProblem(Platform.postJson("/user/api/users", ""), 400);
        assertThat(users()).isEqualTo(before);
    }

    @Test
    void bodyOverTheLimitIs413() {
        long before = users();
        String huge = Platform.registrationJson(Platform.uniqueEmail("huge"), "x".repeat(400_000));
        assertProblem(Platform.postJson("/user/api/users", huge), 413);
        assertThat(users()).isEqualTo(before);
    }

    @Test
    void wrongMediaTypeAndUnknownPathAreProblems() {
        assertProblem(Platform.send(Platform.request("/user/api/users")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello"))), 415);
        JsonNode notFound = assertProblem(Platform.get("/user/api/no-such-thing"), 404);
        assertThat(notFound.get("detail").asText()).doesNotContain("RESTEASY");
        // Outside JAX-RS too: the web container's own 404 is a problem document.
        assertProblem(Platform.get("/quiz/no-such-page"), 404);
        assertProblem(Platform.sendJson("PUT", "/user/api/users", "{}", null), 405);
    }

    @Test
    void duplicateEmailIs409AndAnnouncedOnce() {
        String email = Platform.uniqueEmail("dup");
        assertThat(Platform.postJson("/user/api/users", Platform.registrationJson(email, "Ada")).status()).isEqualTo(201);
        long outboxBefore = outbox();

        JsonNode problem = assertProblem(Platform.postJson("/user/api/users", Platform.registrationJson(email.toUpperCase(), "Other")), 409);

        assertThat(problem.get("detail").asText()).contains("already exists");
        assertThat(Platform.count("USER", "SELECT count(*) FROM users WHERE email = ?", email)).isEqualTo(1);
        assertThat(outbox()).isEqualTo(outboxBefore);
    }
}
