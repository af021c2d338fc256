package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static it.quizplatform.Platform.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container-image deployment: the same server configuration runs quiz-app alone (DEPLOYMENT=quiz-app) in a
 * second Liberty server, under the same URL paths as in the EAR, beside the EAR server.
 */
public class StandaloneServiceIT {

    private static String aloneUrl;

    @BeforeAll
    static void startQuizAppAlone() {
        JsonNode status = Platform.control("POST", "/quiz-app-alone/start");
        JsonNode alone = status.get("components").get("quiz-app-alone");
        assertThat(alone.get("state").asText()).isEqualTo("up");
        aloneUrl = "http://127.0.0.1:" + alone.get("port").asInt();
    }

    @AfterAll
    static void stopQuizAppAlone() {
        Platform.control("POST", "/quiz-app-alone/stop");
    }

    private static Platform.Reply getAlone(String path) {
        return Platform.send(HttpRequest.newBuilder(URI.create(aloneUrl + path)).GET());
    }

    @Test
    void servesOnlyQuizAppUnderItsOwnContextRoot() {
        Platform.Reply ready = getAlone("/health/ready");
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        List<String> checks = new ArrayList<>();
        ready.json().get("checks").forEach(c -> checks.add(c.get("name").asText()));
        assertThat(checks).containsExactlyInAnyOrder("quiz-app.database", "quiz-app.kafka", "quiz-app.redis");

        assertThat(getAlone("/user/api/users").status()).isEqualTo(404);
    }

    @Test
    void verifiesTokensIssuedByUserAppElsewhere() {
        String token = Platform.registerAndLogin(Platform.uniqueEmail("alone-token"), "Remote Token");
        Platform.Reply caller = Platform.send(HttpRequest.newBuilder(URI.create(aloneUrl + "/quiz/api/caller"))
                .header("Authorization", "Bearer " + token).GET());
        assertThat(caller.status()).as(caller.body()).isEqualTo(200);
        assertThat(caller.json().get("name").asText()).isEqualTo("Remote Token");
        assertThat(Platform.send(HttpRequest.newBuilder(URI.create(aloneUrl + "/quiz/api/caller"))
                .header("Authorization", "Bearer " + token + "x").GET()).status()).isEqualTo(401);
    }

    @Test
    void sharesTheEventStreamWithTheEarDeployment() {
        Platform.Reply registered = Platform.postJson("/user/api/users",
                Platform.registrationJson(Platform.uniqueEmail("alone"), "Standalone Reader"));
        assertThat(registered.status()).isEqualTo(201);
        String userId = registered.json().get("id").asText();

        JsonNode host = await("the standalone quiz-app to serve host " + userId, Duration.ofSeconds(30), () -> {
            Platform.Reply r = getAlone("/quiz/api/hosts/" + userId);
            return r.status() == 200 ? Optional.of(r.json()) : Optional.empty();
        });
        assertThat(host.get("displayName").asText()).isEqualTo("Standalone Reader");
        // Both quiz-app instances share one consumer group and one database: the host exists once.
        assertThat(Platform.count("QUIZ", "SELECT count(*) FROM hosts WHERE host_id = ?::uuid", userId)).isEqualTo(1);
    }
}
