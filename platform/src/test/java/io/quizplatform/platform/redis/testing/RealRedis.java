package io.quizplatform.platform.redis.testing;

import redis.clients.jedis.Jedis;
import redis.embedded.core.ExecutableProvider;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * Real Redis topologies for tests, started from the redis-server binary of the embedded-redis jar (the one the
 * local stack runs): a Redis Cluster of three primaries, or a primary with a replica watched by one Sentinel. Each
 * process runs in a temporary directory on a free port and is stopped by {@link #close()}.
 */
public final class RealRedis implements AutoCloseable {

    /** The name the Sentinel set monitors. */
    public static final String SENTINEL_MASTER = "quiz-primary";

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private int primaryPort;

    private RealRedis(Path dir) {
        this.dir = dir;
    }

    /** The data nodes (cluster) or the sentinels, as {@code host:port,...} for REDIS_NODES. */
    public String nodes() {
        return String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
    }

    /**
     * Kills the first data node at once (SIGKILL): in a Sentinel set the primary, so that the sentinel promotes the
     * replica. Waits until the sentinel names another primary.
     */
    public void killPrimaryAndAwaitFailover() {
        processes.get(0).destroyForcibly();
        int sentinel = ports.get(ports.size() - 1);
        String before = Integer.toString(primaryPort);
        await("the sentinel to promote the replica", () -> {
            try (Jedis s = new Jedis("127.0.0.1", sentinel)) {
                return !s.sentinelGetMasterAddrByName(SENTINEL_MASTER).contains(before);
            }
        });
    }

    /** The first node's URL (a cluster seed, or the Sentinel set's primary). */
    public String firstUrl() {
        return "redis://127.0.0.1:" + ports.get(0);
    }

    /** Three primaries, the 16,384 slots split between them, the cluster reporting {@code cluster_state:ok}. */
    public static RealRedis cluster() throws IOException {
        RealRedis redis = new RealRedis(Files.createTempDirectory("redis-cluster"));
        try {
            for (int i = 0; i < 3; i++) {
                int port = freePort();
                redis.start(port, "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
                        "--cluster-node-timeout", "2000");
                redis.ports.add(port);
            }
            int first = redis.ports.get(0);
            try (Jedis seed = new Jedis("127.0.0.1", first)) {
                redis.ports.subList(1, 3).forEach(p -> seed.clusterMeet("127.0.0.1", p));
            }
            int[][] ranges = {{0, 5460}, {5461, 10922}, {10923, 16383}};
            for (int i = 0; i < 3; i++) {
                try (Jedis node = new Jedis("127.0.0.1", redis.ports.get(i))) {
                    node.clusterAddSlots(IntStream.rangeClosed(ranges[i][0], ranges[i][1]).toArray());
                }
            }
            for (int port : redis.ports) {
                await("cluster_state:ok on " + port, () -> {
                    try (Jedis node = new Jedis("127.0.0.1", port)) {
                        return node.clusterInfo().contains("cluster_state:ok")
                                && node.clusterNodes().lines().filter(l -> l.contains("master")).count() == 3;
                    }
                });
            }
            return redis;
        } catch (IOException | RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    /** A primary, a replica of it, and one Sentinel (quorum 1) that knows them; {@link #nodes()} is the sentinel. */
    public static RealRedis sentinel() throws IOException {
        RealRedis redis = new RealRedis(Files.createTempDirectory("redis-sentinel"));
        try {
            int primary = freePort();
            redis.start(primary);
            redis.primaryPort = primary;
            int replica = freePort();
            redis.start(replica, "--replicaof", "127.0.0.1", Integer.toString(primary));
            int sentinel = freePort();
            Path config = redis.dir.resolve("sentinel.conf");
            Files.writeString(config, "port " + sentinel + "\n"
                    + "sentinel monitor " + SENTINEL_MASTER + " 127.0.0.1 " + primary + " 1\n"
                    + "sentinel down-after-milliseconds " + SENTINEL_MASTER + " 1000\n"
                    + "sentinel failover-timeout " + SENTINEL_MASTER + " 10000\n");
            redis.launch(sentinel, List.of(config.toString(), "--sentinel"));
            redis.ports.add(sentinel);
            await("the sentinel to know " + SENTINEL_MASTER, () -> {
                try (Jedis s = new Jedis("127.0.0.1", sentinel)) {
                    return s.sentinelGetMasterAddrByName(SENTINEL_MASTER).contains(Integer.toString(primary));
                }
            });
            await("the replica to be in sync", () -> {
                try (Jedis r = new Jedis("127.0.0.1", replica)) {
                    return r.info("replication").contains("master_link_status:up");
                }
            });
            return redis;
        } catch (IOException | RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    private void start(int port, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no"));
        args.addAll(List.of(options));
        launch(port, args);
    }

    private void launch(int port, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis-" + port + ".log").toFile()).start();
        processes.add(process);
        await("redis on " + port, () -> {
            try (Jedis j = new Jedis("127.0.0.1", port)) {
                return "PONG".equals(j.ping());
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    private static synchronized Path binary() throws IOException {
        Path bin = Path.of(System.getProperty("java.io.tmpdir"), "quiz-platform-test-redis");
        return ExecutableProvider.newJarResourceProvider(Files.createDirectories(bin).toFile()).get().toPath();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void await(String what, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try {
                if (done.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // not there yet
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
