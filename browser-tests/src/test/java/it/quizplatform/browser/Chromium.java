package it.quizplatform.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Which Chromium the browser tests drive: {@code CHROME_PATH} when it is set, else Debian's {@code /usr/bin/chromium}.
 * Playwright never downloads one.
 *
 * <p>Run before the tests ({@code main}, in pre-integration-test): when there is no Chromium and we are root on a
 * machine with apt-get (CI: a fresh Debian machine), it installs Debian's package and says so; otherwise the build
 * fails with how to get one. Never a silent skip.
 */
public final class Chromium {

    static final String ENV = "CHROME_PATH";
    static final String DEFAULT_PATH = "/usr/bin/chromium";
    static final List<String> INSTALL = List.of("apt-get", "install", "-y", "--no-install-recommends",
            "-o", "DPkg::Lock::Timeout=300", "chromium");
    static final List<String> UPDATE = List.of("apt-get", "update", "-o", "DPkg::Lock::Timeout=300");

    /** The machine as the finder sees it; a test gives its own. */
    interface Machine {
        Optional<String> env(String name);

        boolean executable(Path path);

        boolean root();

        boolean onPath(String command);

        /** Runs a command, its output going to ours; returns the exit code. */
        int run(List<String> command);

        /** Runs a command and returns what it printed (empty when it could not run). */
        String output(List<String> command);

        void say(String line);
    }

    private final Machine machine;
    private final Path defaultPath;

    Chromium(Machine machine, Path defaultPath) {
        this.machine = machine;
        this.defaultPath = defaultPath;
    }

    /** Thrown when there is no Chromium to drive; the message says how to get one. */
    static final class Missing extends RuntimeException {
        Missing(String message) {
            super(message);
        }
    }

    /** The browser the tests will launch, without installing anything. */
    static Path locate() {
        return new Chromium(new RealMachine(), defaultPath()).find(false);
    }

    static Path defaultPath() {
        return Path.of(System.getProperty("chromium.default.path", DEFAULT_PATH));
    }

    /** Finds Chromium; with {@code mayInstall}, installs Debian's package when it is missing and we can. */
    Path find(boolean mayInstall) {
        Optional<String> configured = machine.env(ENV).map(String::strip).filter(s -> !s.isEmpty());
        if (configured.isPresent()) {
            Path path = Path.of(configured.get());
            if (machine.executable(path)) {
                return path;
            }
            throw new Missing(ENV + "=" + configured.get() + " is not an executable file. Point " + ENV
                    + " at a Chromium or Chrome binary, or unset it to use " + defaultPath + " ("
                    + howToGetOne() + ").");
        }
        if (machine.executable(defaultPath)) {
            return defaultPath;
        }
        if (!mayInstall) {
            throw new Missing("No Chromium at " + defaultPath + " and " + ENV + " is not set: " + howToGetOne() + ".");
        }
        if (!machine.root() || !machine.onPath("apt-get")) {
            throw new Missing("No Chromium at " + defaultPath + " and " + ENV + " is not set, and it cannot be installed"
                    + " here (" + (machine.root() ? "no apt-get" : "not root") + "): " + howToGetOne() + ".");
        }
        install();
        if (machine.executable(defaultPath)) {
            machine.say("Chromium installed: " + defaultPath);
            return defaultPath;
        }
        throw new Missing("apt-get installed the chromium package, but there is still no Chromium at " + defaultPath
                + ": set " + ENV + " to the browser's path.");
    }

    private void install() {
        machine.say("No Chromium at " + defaultPath + " and " + ENV + " is not set: installing Debian's chromium"
                + " package with apt-get (running as root).");
        boolean updated = false;
        if (!machine.output(List.of("apt-cache", "policy", "chromium")).lines().map(String::strip)
                .anyMatch(line -> line.startsWith("Candidate:") && !line.contains("(none)"))) {
            machine.say("The package lists do not know chromium yet: apt-get update");
            run(UPDATE);
            updated = true;
        }
        machine.say(String.join(" ", INSTALL));
        if (machine.run(INSTALL) != 0) {
            if (updated) {
                throw new Missing("apt-get could not install chromium (see above): install it yourself"
                        + " (sudo apt-get install chromium) or set " + ENV + ".");
            }
            machine.say("The install failed, perhaps on old package lists: apt-get update, then once more");
            run(UPDATE);
            run(INSTALL);
        }
    }

    private void run(List<String> command) {
        if (machine.run(command) != 0) {
            throw new Missing(String.join(" ", command) + " failed (see above): install Chromium yourself"
                    + " (sudo apt-get install chromium) or set " + ENV + ".");
        }
    }

    static String howToGetOne() {
        return "install Debian's Chromium (sudo apt-get install chromium) or set " + ENV
                + " to a Chromium or Chrome binary; the tests never download a browser";
    }

    /** Before the browser tests: prints the Chromium they will drive, installing it first if needed and possible. */
    public static void main(String[] args) {
        Path defaultPath = Path.of(args.length > 0 ? args[0] : DEFAULT_PATH);
        RealMachine machine = new RealMachine();
        try {
            Path chromium = new Chromium(machine, defaultPath).find(true);
            String version = machine.output(List.of(chromium.toString(), "--version")).lines()
                    .filter(line -> line.contains("Chrom")).findFirst().orElse("version unknown").strip();
            machine.say("Browser tests drive " + chromium + " (" + version + ")");
            System.exit(0);
        } catch (Missing e) {
            System.err.println("[browser-tests] " + e.getMessage());
            System.exit(1);
        }
    }

    static final class RealMachine implements Machine {

        @Override
        public Optional<String> env(String name) {
            return Optional.ofNullable(System.getenv(name));
        }

        @Override
        public boolean executable(Path path) {
            return Files.isRegularFile(path) && Files.isExecutable(path);
        }

        @Override
        public boolean root() {
            try {
                return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return "root".equals(System.getProperty("user.name"));
            }
        }

        @Override
        public boolean onPath(String command) {
            String path = System.getenv().getOrDefault("PATH", "");
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty() && executable(Path.of(dir, command))) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public int run(List<String> command) {
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            try {
                return builder.start().waitFor();
            } catch (IOException e) {
                say("could not run " + command.get(0) + ": " + e.getMessage());
                return 127;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 130;
            }
        }

        @Override
        public String output(List<String> command) {
            try {
                Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
                process.getOutputStream().close();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                return out;
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }

        @Override
        public void say(String line) {
            System.out.println("[browser-tests] " + line);
        }
    }
}
