package io.quizplatform.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the real PostgreSQL, Redis and Kafka on the "it" profile's ports (39xxx, clear of dev and test),
 * drives them through the control API and stops them. About 15 s.
 */
@EnabledOnOs(OS.LINUX)
class StackSmokeTest {

    @Test
    void startsDrivesAndStopsTheRealStack() throws Exception {
        Path work = Path.of("target", "local-stack-smoke").toAbsolutePath();
        Options options = Options.parse(new String[] {"run", "--profile", "it", "--work-dir", work.toString()}, work);
        LocalStack.cleanLeftovers(options, false);
        Stack stack = new Stack(options, Map.of());
        int control = options.profile().controlPort();
        ControlApi api = new ControlApi(stack, control, () -> { });
        api.start();
        try {
            stack.startAll();
            assertThat(stack.ready()).isTrue();

            String status = http("GET", control, "/status", 200);
            assertThat(status).contains("\"ready\":true", "\"postgres\":{\"state\":\"up\"", "\"liberty\":{\"state\":\"disabled\"");

            Map<String, String> env = stack.libertyEnv();
            assertThat(status).as("no password in the control API's answer").doesNotContain(env.get("SCORING_DB_PASSWORD"))
                    .contains("\"SCORING_DB_PASSWORD\":\"(hidden)\"", "credentials.properties");
            try (Connection c = DriverManager.getConnection(env.get("SCORING_DB_URL"), env.get("SCORING_DB_USER"),
                    env.get("SCORING_DB_PASSWORD"));
                 ResultSet rs = c.createStatement().executeQuery("SELECT current_user, current_database()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("quiz_platform");
                assertThat(rs.getString(2)).isEqualTo("scoring_db");
            }

            assertThat(http("POST", control, "/redis/stop", 200)).contains("\"redis\":{\"state\":\"down\"", "\"ready\":false");
            assertThat(redisAnswers(options.profile().redisPort())).isFalse();
            assertThat(http("POST", control, "/redis/start", 200)).contains("\"ready\":true");
            assertThat(redisAnswers(options.profile().redisPort())).isTrue();

            assertThat(http("POST", control, "/kafka/kill", 200)).contains("\"kafka\":{\"state\":\"down\"");
            assertThat(http("POST", control, "/kafka/start", 200)).contains("\"ready\":true");
            assertThat(Files.exists(work.resolve("kafka/data/meta.properties"))).isTrue();

            http("POST", control, "/liberty/start", 409);
            http("GET", control, "/nope", 404);
            http("GET", control, "/kafka/stop", 405);
        } finally {
            stack.stopAll();
            api.stop();
        }
        assertThat(stack.components()).allMatch(c -> !c.managed() || c.state() == Component.State.DOWN);
        assertThat(Stack.portFree(options.profile().kafkaPort())).isTrue();
        assertThat(Stack.portFree(options.profile().postgresPort())).isTrue();
        assertThat(Stack.portFree(options.profile().redisPort())).isTrue();
    }

    private static boolean redisAnswers(int port) {
        try {
            return RedisComponent.ping(port);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String http(String method, int port, String path, int expectedStatus) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        c.setRequestMethod(method);
        c.setReadTimeout(180_000);
        assertThat(c.getResponseCode()).as(method + " " + path).isEqualTo(expectedStatus);
        var in = expectedStatus < 400 ? c.getInputStream() : c.getErrorStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
