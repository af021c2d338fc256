package io.quizplatform.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackEnvTest {

    @TempDir
    Path work;

    @Test
    void externalServersFromTheEnvironmentArePassedThroughAndNotManaged() throws Exception {
        Map<String, String> env = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka.example:9092",
                "REDIS_URL", "redis://cache:6379",
                "USER_DB_URL", "jdbc:postgresql://db/user_db", "USER_DB_USER", "u", "USER_DB_PASSWORD", "p\"w",
                "QUIZ_DB_URL", "jdbc:postgresql://db/quiz_db");
        Options options = Options.parse(new String[] {"run", "--profile", "it", "--work-dir", work.toString()}, work);

        Stack stack = new Stack(options, env);

        assertThat(stack.externalComponents()).containsExactly("postgres", "redis", "kafka");
        assertThat(stack.liberty.state()).isEqualTo(Component.State.DISABLED);
        assertThat(stack.libertyEnv())
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka.example:9092")
                .containsEntry("REDIS_URL", "redis://cache:6379")
                .containsEntry("USER_DB_URL", "jdbc:postgresql://db/user_db")
                .containsEntry("USER_DB_PASSWORD", "p\"w")
                .containsEntry("QUIZ_DB_URL", "jdbc:postgresql://db/quiz_db")
                .containsEntry("HTTP_PORT", "39080")
                .containsEntry("HTTPS_PORT", "39443");
        String json = Json.write(stack.status());
        assertThat(json).contains("\"kafka\":{\"state\":\"external\",\"port\":39092")
                .contains("\"USER_DB_PASSWORD\":\"(hidden)\"")
                .doesNotContain("p\\\"w")
                .contains("\"ready\":false");
        assertThatThrownBy(stack.kafka::start).isInstanceOf(Component.ConflictException.class);
    }

    @Test
    void embeddedServersGetLoopbackAddressesAndOneRoleForAllDatabases() throws Exception {
        Options options = Options.parse(new String[] {"run", "--profile", "it", "--work-dir", work.toString()}, work);

        Stack stack = new Stack(options, Map.of());

        Map<String, String> env = stack.libertyEnv();
        assertThat(env).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:39092")
                .containsEntry("REDIS_URL", "redis://127.0.0.1:36379")
                .containsEntry("SCORING_DB_URL", "jdbc:postgresql://127.0.0.1:35432/scoring_db")
                .containsEntry("ANSWER_DB_USER", "quiz_platform");
        assertThat(env.get("USER_DB_PASSWORD")).isNotBlank().isEqualTo(env.get("QUIZ_DB_PASSWORD"));
        assertThat(java.nio.file.Files.getPosixFilePermissions(work.resolve("postgres/credentials.properties")))
                .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        // the password is kept for the next start
        assertThat(new Stack(options, Map.of()).libertyEnv().get("USER_DB_PASSWORD")).isEqualTo(env.get("USER_DB_PASSWORD"));
    }

    @Test
    void onlyTheTestStackLowersTheHashCountAndTheCompiler() throws Exception {
        Options test = Options.parse(new String[] {"run", "--profile", "test", "--work-dir", work.toString()}, work);
        Options dev = Options.parse(new String[] {"run", "--profile", "dev", "--work-dir", work.toString()}, work);

        assertThat(new Stack(test, Map.of()).libertyEnv())
                .containsEntry("PASSWORD_HASH_ITERATIONS", "21000")
                .containsEntry("JVM_ARGS", "-XX:TieredStopAtLevel=1");
        assertThat(new Stack(test, Map.of("PASSWORD_HASH_ITERATIONS", "310000")).libertyEnv())
                .doesNotContainKey("PASSWORD_HASH_ITERATIONS");
        assertThat(new Stack(dev, Map.of()).libertyEnv())
                .doesNotContainKeys("PASSWORD_HASH_ITERATIONS", "JVM_ARGS");
    }

    @Test
    void urlsAreShownWithoutTheirCredentials() {
        assertThat(Stack.withoutCredentials("rediss://quiz:s3cret@redis.example:6380")).isEqualTo("rediss://redis.example:6380");
        assertThat(Stack.withoutCredentials("redis://:ab/cd@ef@redis:6379")).isEqualTo("redis://redis:6379");
        assertThat(Stack.withoutCredentials("redis://127.0.0.1:16379")).isEqualTo("redis://127.0.0.1:16379");
        assertThat(Stack.withoutCredentials("jdbc:postgresql://127.0.0.1:15432/quiz_db")).isEqualTo("jdbc:postgresql://127.0.0.1:15432/quiz_db");
        assertThat(Stack.withoutCredentials(null)).isNull();
    }
}
