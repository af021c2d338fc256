package io.quizplatform.localstack;

import redis.embedded.core.ExecutableProvider;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Redis, using the redis-server binary shipped in codemonstur's embedded-redis jar.
 * We run the binary ourselves instead of through {@code RedisServer.start()}: that registers a JVM
 * shutdown hook per start (which would stop Redis before Liberty on Ctrl-C) and closes the server's
 * stdout after startup (losing its log). Here the process has a pid file and a log file.
 */
final class RedisComponent extends ChildProcessComponent {

    private final int port;
    private final Path home;
    private final Path logFile;
    private Path binary;

    RedisComponent(int port, Path workDir, boolean external) {
        super(external ? State.EXTERNAL : State.DOWN, workDir.resolve("redis").resolve("redis.pid"), Duration.ofSeconds(10));
        this.port = port;
        this.home = workDir.resolve("redis");
        this.logFile = workDir.resolve("logs").resolve("redis.log");
    }

    @Override
    String name() {
        return "redis";
    }

    @Override
    int port() {
        return port;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** No persistence: a restart simulates a cache outage that loses everything. */
    static String config(int port, Path dir) {
        return String.join("\n",
                "bind 127.0.0.1",
                "port " + port,
                "daemonize no",
                "save \"\"",
                "appendonly no",
                "dir " + dir,
                "loglevel notice",
                "") ;
    }

    @Override
    protected void doStart() throws Exception {
        stopStale(pidFile);
        Files.createDirectories(home);
        Files.createDirectories(logFile.getParent());
        Path conf = home.resolve("redis.conf");
        Files.writeString(conf, config(port, home));
        process = new ProcessBuilder(Processes.ownSession(List.of(binary.toString(), conf.toString())))
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        Processes.writePid(pidFile, process.toHandle());
        Process started = process;
        try {
            Processes.awaitReady("redis", Duration.ofSeconds(30), Duration.ofMillis(100),
                    () -> aborting() || !started.isAlive(), () -> ping(port));
        } catch (Processes.NotReadyException e) {
            if (!started.isAlive()) {
                throw new IllegalStateException("redis exited with " + started.exitValue() + ":\n"
                        + Processes.tail(logFile, 10));
            }
            throw e;
        }
    }

    /**
     * Unpacks the redis-server binary for this OS/arch from the embedded-redis jar, once per launcher
     * JVM and before any other thread forks: a binary still open for writing in a concurrently forked
     * child fails to exec with "Text file busy".
     */
    void prepare() throws java.io.IOException {
        if (binary == null && managed()) {
            binary = ExecutableProvider.newJarResourceProvider(
                    Files.createDirectories(home.resolve("bin")).toFile()).get().toPath();
        }
    }

    static void stopStale(Path pidFile) throws java.io.IOException {
        Processes.liveFromPidFile(pidFile, "redis-server").ifPresent(h -> {
            Log.info("stopping a leftover Redis (pid " + h.pid() + ")");
            Processes.terminate(h, Duration.ofSeconds(10));
        });
        Files.deleteIfExists(pidFile);
    }

    /** Inline RESP PING; true on +PONG. */
    static boolean ping(int port) throws java.io.IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[7];
            int n = in.readNBytes(buf, 0, 7);
            return new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        }
    }
}
