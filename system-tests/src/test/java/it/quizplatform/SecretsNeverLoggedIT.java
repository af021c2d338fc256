package it.quizplatform;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After the tests above have registered, logged in, changed passwords and failed logins, no password and no
 * access token appears in any of the server's logs. Runs late on purpose (failsafe runs the ITs alphabetically).
 */
public class SecretsNeverLoggedIT {

    @Test
    void serverLogsHoldNoPasswordsOrTokens() throws Exception {
        String token = Platform.registerAndLogin(Platform.uniqueEmail("hygiene"), "Hygiene Check");
        Platform.login(Platform.uniqueEmail("hygiene"), "a wrong password that must not be logged");

        Path logs = Path.of(Platform.stackStatus().get("components").get("liberty").get("outputDir").asText(),
                "quiz-platform", "logs");
        assertThat(logs).isDirectory();
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(content).as(file.toString())
                        .doesNotContain(Platform.PASSWORD)
                        .doesNotContain("a much better passphrase 2026")
                        .doesNotContain("a wrong password that must not be logged")
                        .doesNotContain(token);
            }
        }
    }
}
