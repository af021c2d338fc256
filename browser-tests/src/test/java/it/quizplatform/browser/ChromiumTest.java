package it.quizplatform.browser;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the browser is found, and when (and how) Debian's is installed: on a pretend machine, nothing runs. */
class ChromiumTest {

    static final Path DEBIAN = Path.of("/usr/bin/chromium");

    static final class PretendMachine implements Chromium.Machine {
        final Map<String, String> env = new java.util.HashMap<>();
        final Set<Path> executables = new HashSet<>();
        boolean root = true;
        boolean aptGet = true;
        String policy = "chromium:\n  Installed: (none)\n  Candidate: 150.0.7871.100-1~deb12u1\n";
        int installExit = 0;
        final List<String> ran = new ArrayList<>();
        final List<String> said = new ArrayList<>();

        @Override
        public Optional<String> env(String name) {
            return Optional.ofNullable(env.get(name));
        }

        @Override
        public boolean executable(Path path) {
            return executables.contains(path);
        }

        @Override
        public boolean root() {
            return root;
        }

        @Override
        public boolean onPath(String command) {
            return aptGet && command.equals("apt-get");
        }

        @Override
        public int run(List<String> command) {
            ran.add(String.join(" ", command));
            if (command.get(1).equals("update")) {
                policy = "chromium:\n  Candidate: 150.0.7871.100-1~deb12u1\n";
                return 0;
            }
            if (installExit == 0 && policy.contains("Candidate: 1")) {
                executables.add(DEBIAN);
            }
            return installExit;
        }

        @Override
        public String output(List<String> command) {
            return command.get(0).equals("apt-cache") ? policy : "";
        }

        @Override
        public void say(String line) {
            said.add(line);
        }
    }

    final PretendMachine machine = new PretendMachine();

    Path find() {
        return new Chromium(machine, DEBIAN).find(true);
    }

    @Test
    void chromePathWinsOverDebiansChromium() {
        machine.executables.addAll(List.of(DEBIAN, Path.of("/opt/chrome/chrome")));
        machine.env.put("CHROME_PATH", "/opt/chrome/chrome");

        assertThat(find()).isEqualTo(Path.of("/opt/chrome/chrome"));
        assertThat(machine.ran).isEmpty();
    }

    @Test
    void aChromePathThatIsNoBrowserFailsInsteadOfInstallingAnother() {
        machine.env.put("CHROME_PATH", "/nowhere/chrome");

        assertThatThrownBy(this::find).isInstanceOf(Chromium.Missing.class)
                .hasMessageContaining("CHROME_PATH=/nowhere/chrome is not an executable file")
                .hasMessageContaining("sudo apt-get install chromium");
        assertThat(machine.ran).isEmpty();
    }

    @Test
    void debiansChromiumIsUsedWhenItIsThere() {
        machine.executables.add(DEBIAN);

        assertThat(find()).isEqualTo(DEBIAN);
        assertThat(machine.ran).isEmpty();
    }

    @Test
    void rootWithAptGetInstallsChromiumAndSaysSo() {
        assertThat(find()).isEqualTo(DEBIAN);

        assertThat(machine.ran).containsExactly("apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 chromium");
        assertThat(String.join("\n", machine.said)).contains("installing Debian's chromium").contains("Chromium installed");
    }

    @Test
    void aFreshMachineWithoutPackageListsUpdatesThemFirst() {
        machine.policy = ""; // apt-cache knows no chromium: the lists were never fetched

        assertThat(find()).isEqualTo(DEBIAN);

        assertThat(machine.ran).containsExactly("apt-get update -o DPkg::Lock::Timeout=300",
                "apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 chromium");
    }

    @Test
    void aFailedInstallOnOldListsUpdatesThemAndTriesOnceMore() {
        machine.installExit = 100;

        assertThatThrownBy(this::find).isInstanceOf(Chromium.Missing.class);
        assertThat(machine.ran).containsExactly(
                "apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 chromium",
                "apt-get update -o DPkg::Lock::Timeout=300",
                "apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 chromium");
    }

    @Test
    void withoutRootTheBuildFailsSayingHowToGetABrowser() {
        machine.root = false;

        assertThatThrownBy(this::find).isInstanceOf(Chromium.Missing.class)
                .hasMessageContaining("not root")
                .hasMessageContaining("sudo apt-get install chromium")
                .hasMessageContaining("CHROME_PATH");
        assertThat(machine.ran).isEmpty();
    }

    @Test
    void withoutAptGetTheBuildFailsSayingHowToGetABrowser() {
        machine.aptGet = false;

        assertThatThrownBy(this::find).isInstanceOf(Chromium.Missing.class).hasMessageContaining("no apt-get");
        assertThat(machine.ran).isEmpty();
    }

    @Test
    void theTestsThemselvesNeverInstall() {
        assertThatThrownBy(() -> new Chromium(machine, DEBIAN).find(false)).isInstanceOf(Chromium.Missing.class)
                .hasMessageContaining("No Chromium at /usr/bin/chromium");
        assertThat(machine.ran).isEmpty();
    }
}
