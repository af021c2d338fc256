package it.quizplatform;

import io.quizplatform.testsupport.DebianTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code docker-compose} command that validates docker-compose.yml ({@code docker-compose config} needs no Docker
 * engine), from PATH or installed from Debian's package ({@link DebianTool}).
 */
final class DockerCompose {

    static final String COMMAND = "docker-compose";

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
        return new DockerCompose(DebianTool.find(COMMAND, "docker-compose", howToGetIt()
                + ". The compose file is validated with `docker-compose config`; no Docker engine is needed"));
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
}
