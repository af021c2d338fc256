package io.quizplatform.localstack;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Open Liberty server installed by the build. Liberty runs as its own background process;
 * we only drive it with {@code bin/server start|stop|status} and poll /health/ready.
 */
final class LibertyComponent extends Component {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(300);

    private final String name;
    private final Path wlpDir;
    private final Path outputDir;
    private final String server;
    private final int httpPort;
    private final Supplier<Map<String, String>> env;

    LibertyComponent(Path wlpDir, Path outputDir, String server, int httpPort, boolean enabled,
                     Supplier<Map<String, String>> env) {
        this("liberty", wlpDir, outputDir, server, httpPort, enabled, env);
    }

    LibertyComponent(String name, Path wlpDir, Path outputDir, String server, int httpPort, boolean enabled,
                     Supplier<Map<String, String>> env) {
        super(enabled ? State.DOWN : State.DISABLED);
        this.name = name;
        this.wlpDir = wlpDir;
        this.outputDir = outputDir;
        this.server = server;
        this.httpPort = httpPort;
        this.env = env;
    }

    @Override
    String name() {
        return name;
    }

    @Override
    int port() {
        return httpPort;
    }

    @Override
    protected void describe(Map<String, Object> into) {
        if (wlpDir != null) {
            into.put("wlpDir", wlpDir.toString());
            into.put("server", server);
            into.put("outputDir", outputDir.toString());
        }
        serverPid().ifPresent(pid -> into.put("pid", pid));
    }

    /** The server JVM's pid, from Liberty's pid file (there while the server runs). */
    java.util.Optional<Long> serverPid() {
        try {
            return java.util.Optional.of(Long.parseLong(Files.readString(outputDir.resolve(".pid").resolve(server + ".pid")).strip()));
        } catch (java.io.IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    Path messagesLog() {
        return outputDir.resolve(server).resolve("logs/messages.log");
    }

    /** A wlp install with this server in it (server-config has been built). */
    static boolean installed(Path wlpDir, String server) {
        return wlpDir != null && Files.isExecutable(wlpDir.resolve("bin/server"))
                && Files.isDirectory(wlpDir.resolve("usr/servers").resolve(server));
    }

    @Override
    protected void doStart() throws Exception {
        Processes.Result result = script("start", Duration.ofSeconds(180));
        Log.info("liberty: " + result.output().strip().replace('\n', ' '));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("server start " + server + " failed (exit " + result.exitCode() + ")");
        }
        try {
            Processes.awaitReady("liberty /health/ready", READY_TIMEOUT, Duration.ofSeconds(1),
                    this::aborting, () -> httpStatus(readyUrl()) == 200);
        } catch (Processes.NotReadyException e) {
            if (!aborting()) {
                Log.error("last 60 lines of " + messagesLog() + ":\n" + Processes.tail(messagesLog(), 60));
            }
            throw e;
        }
    }

    @Override
    protected void doStop() throws Exception {
        Processes.Result result = script("stop", Duration.ofSeconds(120));
        Log.info("liberty: " + result.output().strip().replace('\n', ' '));
    }

    /** SIGKILL of the server's JVM (its pid from Liberty's pid file): a crash, no graceful stop. */
    @Override
    protected void doKill() throws Exception {
        Path pidFile = outputDir.resolve(".pid").resolve(server + ".pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        java.util.Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isPresent()) {
            process.get().destroyForcibly();
            process.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        Files.deleteIfExists(pidFile);
    }

    String readyUrl() {
        return "http://127.0.0.1:" + httpPort + "/health/ready";
    }

    /** Exit code 0 of {@code server status} means the server is running. */
    boolean running() throws Exception {
        return script("status", Duration.ofSeconds(60)).exitCode() == 0;
    }

    private Processes.Result script(String action, Duration timeout) throws Exception {
        return runScript(wlpDir, outputDir, server, action, env.get(), timeout);
    }

    /**
     * Each profile keeps Liberty's output (logs, workarea, expanded apps) in its own work dir, so the dev server
     * and the test server run side by side from the one server configuration the build produced.
     */
    static Processes.Result runScript(Path wlpDir, Path outputDir, String server, String action, Map<String, String> env,
                                      Duration timeout) throws Exception {
        Map<String, String> extra = new HashMap<>(env);
        extra.put("WLP_OUTPUT_DIR", outputDir.toString());
        // the launcher's JDK; Liberty would otherwise pick whatever java is on PATH
        extra.put("JAVA_HOME", System.getProperty("java.home"));
        return Processes.exec(List.of(wlpDir.resolve("bin/server").toString(), action, server), extra, timeout);
    }

    /** Stops a Liberty server left running by an earlier launcher. */
    static void stopStale(Path wlpDir, Path outputDir, String server) {
        if (wlpDir == null || !Files.isExecutable(wlpDir.resolve("bin/server"))) {
            return;
        }
        try {
            if (runScript(wlpDir, outputDir, server, "status", Map.of(), Duration.ofSeconds(60)).exitCode() == 0) {
                Log.info("stopping a leftover Liberty server " + server);
                runScript(wlpDir, outputDir, server, "stop", Map.of(), Duration.ofSeconds(120));
            }
        } catch (Exception e) {
            Log.error("could not check/stop Liberty server " + server + ": " + e);
        }
    }

    static int httpStatus(String url) throws java.io.IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(5000);
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }
}
