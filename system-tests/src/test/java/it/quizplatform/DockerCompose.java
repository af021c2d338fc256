package it.quizplatform;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code docker-compose} command that validates docker-compose.yml ({@code docker-compose config} needs no Docker
 * engine). Taken from PATH; when it is missing and we run as root on a machine with apt-get (CI: a fresh Debian
 * machine), Debian's {@code docker-compose} package is installed first and that is said on stdout; otherwise
 * {@link #find()} fails with how to get it. Never a silent skip.
 */
final class DockerCompose {

    static final String COMMAND = "docker-compose";
    static final List<String> INSTALL = List.of("apt-get", "install", "-y", "--no-install-recommends",
            "-o", "DPkg::Lock::Timeout=300", "docker-compose");
    static final List<String> UPDATE = List.of("apt-get", "update", "-o", "DPkg::Lock::Timeout=300");

    /** What a run printed (stdout and stderr together) and how it ended. */
    record Result(int exitCode, String output) {
    }

    private final Path executable;

    private DockerCompose(Path executable) {
        this.executable = executable;
    }

    Path executable() {
        return executable;
    }

    /** docker-compose from PATH, installed with apt-get first if it is missing and we can; else an AssertionError. */
    static DockerCompose find() {
        Optional<Path> onPath = onPath(COMMAND);
        if (onPath.isPresent()) {
            return new DockerCompose(onPath.get());
        }
        if (!root() || onPath("apt-get").isEmpty()) {
            throw new AssertionError("docker-compose is not on PATH and cannot be installed here ("
                    + (root() ? "no apt-get" : "not root") + "): " + howToGetIt()
                    + ". The compose file is validated with `docker-compose config`; no Docker engine is needed.");
        }
        say("docker-compose is not on PATH: installing Debian's docker-compose package with apt-get (running as root).");
        boolean known = output(List.of("apt-cache", "policy", "docker-compose")).lines().map(String::strip)
                .anyMatch(line -> line.startsWith("Candidate:") && !line.contains("(none)"));
        if (!known) {
            say("The package lists do not know docker-compose yet: " + String.join(" ", UPDATE));
            run(UPDATE);
        }
        say(String.join(" ", INSTALL));
        if (run(INSTALL) != 0 && known) {
            say("The install failed, perhaps on old package lists: apt-get update, then once more");
            run(UPDATE);
            run(INSTALL);
        }
        return new DockerCompose(onPath(COMMAND).orElseThrow(() -> new AssertionError(
                "apt-get did not give a docker-compose on PATH (see above): " + howToGetIt() + ".")));
    }

    static String howToGetIt() {
        return "install it (sudo apt-get install docker-compose, or Docker's Compose v2 as `docker-compose`)";
    }

    /**
     * Runs docker-compose in {@code dir} with the given arguments. The variables the compose file reads from the
     * environment ({@code QUIZ_PLATFORM_*}, {@code WLP_*}, {@code COMPOSE_*}) are removed and an empty env file is
     * given, so what it prints is the file's own defaults whatever the developer's shell or .env holds.
     */
    Result run(Path dir, String... args) throws IOException, InterruptedException {
        Path emptyEnv = Files.createTempFile("compose-test", ".env");
        try {
            List<String> command = new ArrayList<>();
            command.add(executable.toString());
            command.add("--env-file");
            command.add(emptyEnv.toString());
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().keySet().removeIf(name -> name.startsWith("QUIZ_PLATFORM_")
                    || name.startsWith("WLP_") || name.startsWith("COMPOSE_"));
            Process process = builder.start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within 120 s");
            }
            return new Result(process.exitValue(), out);
        } finally {
            Files.deleteIfExists(emptyEnv);
        }
    }

    private static Optional<Path> onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, command);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean root() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static int run(List<String> command) {
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

    private static String output(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static void say(String line) {
        System.out.println("[compose-test] " + line);
    }
}
