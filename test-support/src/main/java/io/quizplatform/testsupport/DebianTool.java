package io.quizplatform.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A command a test needs from the machine (docker-compose, pg_dump, pgbouncer, promtool): taken from PATH; when it is
 * missing and we run as root on a machine with apt-get (CI: a fresh Debian machine), the Debian package that has it is
 * installed first and that is said on stdout; otherwise {@link #find} fails saying how to get it. Never a silent skip.
 */
public final class DebianTool {

    private DebianTool() {
    }

    /** {@code command} from PATH, installed with apt-get from {@code debianPackage} first if need be. */
    public static Path find(String command, String debianPackage, String howToGetIt) {
        Optional<Path> onPath = onPath(command);
        if (onPath.isPresent()) {
            return onPath.get();
        }
        if (!root() || onPath("apt-get").isEmpty()) {
            throw new AssertionError(command + " is not on PATH and cannot be installed here ("
                    + (root() ? "no apt-get" : "not root") + "): " + howToGetIt + ".");
        }
        List<String> install = List.of("apt-get", "install", "-y", "--no-install-recommends",
                "-o", "DPkg::Lock::Timeout=300", debianPackage);
        List<String> update = List.of("apt-get", "update", "-o", "DPkg::Lock::Timeout=300");
        say(command + " is not on PATH: installing Debian's " + debianPackage + " package with apt-get (running as root).");
        boolean known = output(List.of("apt-cache", "policy", debianPackage)).lines().map(String::strip)
                .anyMatch(line -> line.startsWith("Candidate:") && !line.contains("(none)"));
        if (!known) {
            say("The package lists do not know " + debianPackage + " yet: " + String.join(" ", update));
            run(update);
        }
        say(String.join(" ", install));
        if (run(install) != 0 && known) {
            say("The install failed, perhaps on old package lists: apt-get update, then once more");
            run(update);
            run(install);
        }
        return onPath(command).orElseThrow(() -> new AssertionError(
                "apt-get did not give a " + command + " on PATH (see above): " + howToGetIt + "."));
    }

    public static Optional<Path> onPath(String command) {
        // Servers such as pgbouncer are installed in sbin, which a non-login PATH may lack.
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/sbin";
        for (String dir : path.split(File.pathSeparator)) {
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
        System.out.println("[debian-tool] " + line);
    }
}
