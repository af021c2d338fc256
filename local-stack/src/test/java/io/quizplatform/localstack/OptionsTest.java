package io.quizplatform.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    private static final Path CWD = Path.of("/home/dev/quiz");

    @Test
    void runDefaultsToDevProfileAndWorkDirUnderTarget() {
        Options o = Options.parse(new String[] {"run"}, CWD);

        assertThat(o.command()).isEqualTo("run");
        assertThat(o.profile()).isEqualTo(LocalStack.Profile.DEV);
        assertThat(o.workDir()).isEqualTo(Path.of("/home/dev/quiz/target/local-stack/dev"));
        assertThat(o.server()).isEqualTo("quiz-platform");
        assertThat(o.wlpDir()).isNull();
        assertThat(o.libertyWanted()).isFalse();
        assertThat(o.ownerPid()).isNull();
    }

    @Test
    void startStopAndDaemonDefaultToTestProfile() {
        for (String command : new String[] {"start", "stop", "daemon"}) {
            assertThat(Options.parse(new String[] {command}, CWD).profile()).isEqualTo(LocalStack.Profile.TEST);
        }
    }

    @Test
    void parsesAllOptionsAndResolvesRelativePaths() {
        Options o = Options.parse(new String[] {"start", "--profile", "dev", "--wlp-dir", "server-config/target/liberty/wlp",
                "--server", "other", "--work-dir", "/tmp/ls", "--owner-pid", "4242"}, CWD);

        assertThat(o.profile()).isEqualTo(LocalStack.Profile.DEV);
        assertThat(o.wlpDir()).isEqualTo(Path.of("/home/dev/quiz/server-config/target/liberty/wlp"));
        assertThat(o.server()).isEqualTo("other");
        assertThat(o.workDir()).isEqualTo(Path.of("/tmp/ls"));
        assertThat(o.ownerPid()).isEqualTo(4242L);
        assertThat(o.libertyWanted()).isTrue();
    }

    @Test
    void noLibertyWinsOverWlpDir() {
        Options o = Options.parse(new String[] {"run", "--wlp-dir", "/wlp", "--no-liberty"}, CWD);

        assertThat(o.noLiberty()).isTrue();
        assertThat(o.libertyWanted()).isFalse();
    }

    @Test
    void daemonArgsRoundTrip() {
        Options o = Options.parse(new String[] {"start", "--wlp-dir", "/wlp", "--work-dir", "/w", "--no-liberty"}, CWD);

        Options daemon = Options.parse(o.daemonArgs(77).toArray(String[]::new), CWD);

        assertThat(daemon.command()).isEqualTo("daemon");
        assertThat(daemon.profile()).isEqualTo(o.profile());
        assertThat(daemon.workDir()).isEqualTo(o.workDir());
        assertThat(daemon.wlpDir()).isEqualTo(o.wlpDir());
        assertThat(daemon.noLiberty()).isTrue();
        assertThat(daemon.ownerPid()).isEqualTo(77L);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> Options.parse(new String[] {}, CWD)).hasMessageContaining("missing command");
        assertThatThrownBy(() -> Options.parse(new String[] {"go"}, CWD)).hasMessageContaining("unknown command");
        assertThatThrownBy(() -> Options.parse(new String[] {"run", "--profile", "prod"}, CWD))
                .hasMessageContaining("unknown profile");
        assertThatThrownBy(() -> Options.parse(new String[] {"run", "--profile"}, CWD)).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Options.parse(new String[] {"run", "--work-dir", "--no-liberty"}, CWD))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Options.parse(new String[] {"start", "--owner-pid", "abc"}, CWD))
                .hasMessageContaining("needs a number");
        assertThatThrownBy(() -> Options.parse(new String[] {"run", "--verbose"}, CWD)).hasMessageContaining("unknown option");
    }

    @Test
    void profilesUseDistinctPorts() {
        for (LocalStack.Profile p : new LocalStack.Profile[] {LocalStack.Profile.DEV, LocalStack.Profile.TEST, LocalStack.Profile.IT}) {
            assertThat(new int[] {p.httpPort(), p.httpsPort(), p.kafkaPort(), p.kafkaControllerPort(), p.postgresPort(),
                    p.redisPort(), p.controlPort()}).doesNotHaveDuplicates();
        }
        assertThat(LocalStack.Profile.TEST.kafkaPort()).isEqualTo(29092);
        assertThat(LocalStack.Profile.DEV.httpPort()).isEqualTo(9080);
        assertThat(LocalStack.Profile.DEV.wipesData()).isFalse();
        assertThat(LocalStack.Profile.TEST.wipesData()).isTrue();
    }
}
