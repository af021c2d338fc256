package io.quizplatform.chart;

import io.quizplatform.testsupport.DebianTool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's own rule checker, {@code promtool}: {@code check rules} parses rule files as Prometheus loads them
 * (PromQL, durations, label and annotation templates), {@code test rules} evaluates them on made-up series.
 * {@code -Dpromtool.binary=/path} (or the environment variable {@code PROMTOOL_BINARY}) names one; otherwise it is
 * taken from PATH, and when it is missing there and the build runs as root with apt-get (CI), Debian's
 * {@code prometheus} package (which ships /usr/bin/promtool; there is no smaller one) is installed first, saying so.
 * Not root and no promtool: the tests fail saying how to get it. Never a silent skip.
 */
final class Promtool {

    record Result(int exitCode, String output) {
        boolean ok() { return exitCode == 0; }
    }

    static final String HOW_TO_GET_IT = "install Debian's or Ubuntu's prometheus package (sudo apt-get install "
            + "prometheus; it ships /usr/bin/promtool), or take promtool from a Prometheus release tarball "
            + "(https://prometheus.io/download/) and pass -Dpromtool.binary=/path/to/promtool";

    private static Path binary;

    private Promtool() {
    }

    static synchronized Path binary() {
        if (binary != null) {
            return binary;
        }
        String given = System.getProperty("promtool.binary", System.getenv("PROMTOOL_BINARY"));
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given);
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException("promtool.binary/PROMTOOL_BINARY " + p + " is not an executable file");
            }
            return binary = p;
        }
        return binary = DebianTool.find("promtool", "prometheus", HOW_TO_GET_IT);
    }

    /** promtool with these arguments, run in {@code dir} (rule_files of a test file are relative to it). */
    static Result run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        var out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("promtool " + String.join(" ", args) + " did not finish in 2 minutes");
        }
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
    }
}
