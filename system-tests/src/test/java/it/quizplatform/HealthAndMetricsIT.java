package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's view: health of every app and dependency, metrics, the OpenAPI description, the context roots. */
public class HealthAndMetricsIT {

    private static final List<String> SERVICES = List.of("user-app", "quiz-app", "answer-app", "scoring-app");

    @Test
    void readinessChecksEveryDependencyOfEveryApp() {
        Platform.Reply reply = Platform.get("/health/ready");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode health = reply.json();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        List<String> names = new ArrayList<>();
        health.get("checks").forEach(c -> names.add(c.get("name").asText()));
        for (String service : SERVICES) {
            assertThat(names).contains(service + ".database", service + ".kafka", service + ".redis");
        }
        health.get("checks").forEach(c -> assertThat(c.get("status").asText()).as(c.toString()).isEqualTo("UP"));
    }

    @Test
    void livenessAndStartupExist() {
        Platform.Reply live = Platform.get("/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body()).contains("quiz-app.deployed");
        // Every service that reads Kafka through channels says whether they are all still read.
        for (String service : List.of("quiz-app", "answer-app", "scoring-app")) {
            assertThat(live.body()).contains(service + ".channels");
        }
        Platform.Reply started = Platform.get("/health/started");
        assertThat(started.status()).isEqualTo(200);
        for (String service : SERVICES) {
            assertThat(started.body()).contains(service + ".schema");
        }
    }

    @Test
    void applicationMetricsArePublishedPerService() {
        String metrics = Platform.get("/metrics?scope=application").body();
        for (String service : SERVICES) {
            assertThat(metrics).contains("outbox_events_published_total{mp_scope=\"application\",service=\"" + service + "\"");
            assertThat(metrics).contains("outbox_events_pending{mp_scope=\"application\",service=\"" + service + "\"");
        }
        assertThat(metrics).contains("events_consumed_total{mp_scope=\"application\",outcome=\"applied\",service=\"quiz-app\",topic=\"user-events\"");
    }

    @Test
    void openApiDescribesEveryAppUnderItsContextRoot() {
        Platform.Reply reply = Platform.get("/openapi?format=JSON");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode paths = reply.json().get("paths");
        assertThat(paths.has("/user/api/users")).as(paths.toString()).isTrue();
        assertThat(paths.has("/quiz/api/hosts/{hostId}")).as(paths.toString()).isTrue();
        for (String path : new String[]{"/user/api/sessions", "/user/api/sessions/refresh", "/user/api/sessions/current",
                "/user/api/me", "/user/api/me/password", "/user/api/jwks", "/quiz/api/caller", "/scoring/api/caller"}) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
    }
}
