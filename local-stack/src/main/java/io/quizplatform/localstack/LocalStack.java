package io.quizplatform.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the quiz platform's local stack without Docker: PostgreSQL, Redis and Kafka from Maven jars,
 * then the Open Liberty server built by the project. See {@link Options#USAGE} for the commands.
 */
public final class LocalStack {

    /** Fixed ports per profile; everything binds and advertises 127.0.0.1. */
    public record Profile(String name, int httpPort, int httpsPort, int kafkaPort, int kafkaControllerPort,
                          int postgresPort, int redisPort, int controlPort, boolean wipesData) {

        public static final Profile DEV = new Profile("dev", 9080, 9443, 19092, 19093, 15432, 16379, 19099, false);
        public static final Profile TEST = new Profile("test", 29080, 29443, 29092, 29093, 25432, 26379, 29099, true);
        /** For this module's own smoke test: clashes with neither dev nor test. */
        public static final Profile IT = new Profile("it", 39080, 39443, 39092, 39093, 35432, 36379, 39099, true);

        /** The OTLP/HTTP receiver's port ({@link OtlpReceiver}): next to the control API's. */
        public int otlpPort() {
            return controlPort + 1;
        }

        public static Profile of(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "dev" -> DEV;
                case "test" -> TEST;
                case "it" -> IT;
                default -> throw new IllegalArgumentException("unknown profile: " + name + " (dev, test or it)");
            };
        }
    }

    static final String MAIN_CLASS = LocalStack.class.getName();
    static final Duration START_TIMEOUT = Duration.ofSeconds(360);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);

    private LocalStack() {
    }

    public static void main(String[] args) {
        // our own log4j2 config (zonky and the Kafka admin client log through slf4j -> log4j2)
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "local-stack-log4j2.xml");
        }
        // initialize slf4j now: first use from the parallel start threads makes SLF4J 1.7 print warnings
        org.slf4j.LoggerFactory.getILoggerFactory();
        Options options;
        try {
            options = Options.parse(args, Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            System.err.println("local-stack: " + e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        int code;
        try {
            code = switch (options.command()) {
                case "run" -> runForeground(options, false);
                case "daemon" -> runForeground(options, true);
                case "start" -> startDaemon(options);
                case "stop" -> stopDaemon(options);
                default -> throw new IllegalStateException(options.command());
            };
        } catch (IllegalStateException | IllegalArgumentException e) {
            Log.error(options.command() + " failed: " + e.getMessage());
            code = 1;
        } catch (Exception e) {
            Log.error(options.command() + " failed: " + e);
            code = 1;
        }
        System.exit(code);
    }

    // ---------------------------------------------------------------- run / daemon

    private static int runForeground(Options o, boolean daemon) throws Exception {
        long began = System.nanoTime();
        Profile p = o.profile();
        if (daemon && o.ownerPid() == null) {
            throw new IllegalArgumentException("daemon needs --owner-pid");
        }
        Files.createDirectories(o.workDir().resolve("logs"));
        if (!daemon) {
            Log.alsoTo(o.workDir().resolve("logs").resolve("local-stack.log")); // a daemon's stdout is that file
        }
        Log.info("profile " + p.name() + ", work dir " + o.workDir() + (daemon ? ", daemon pid " + ProcessHandle.current().pid() : ""));
        cleanLeftovers(o, true);

        Stack stack = new Stack(o, System.getenv());
        List<String> external = stack.externalComponents();
        if (!external.isEmpty()) {
            Log.info("external (from the environment, not started here): " + String.join(", ", external));
        }
        if (!o.noLiberty() && o.wlpDir() == null) {
            Log.info("no --wlp-dir given: starting without Liberty");
        } else if (o.libertyWanted() && !stack.liberty.managed()) {
            Log.error("no Liberty server " + o.server() + " in " + o.wlpDir()
                    + " (build the server-config module first): starting without Liberty");
        } else if (o.libertyWanted()) {
            rememberLiberty(o);
        }
        stack.checkPortsFree();

        Path pidFile = o.workDir().resolve("daemon.pid");
        Processes.writePid(pidFile, ProcessHandle.current());
        ControlApi api = new ControlApi(stack, p.controlPort(), () -> System.exit(0));
        // the one place everything is stopped: Ctrl-C, SIGTERM, POST /shutdown, owner exit, failed start
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long stopping = System.nanoTime();
            Log.info("stopping the stack ...");
            stack.stopAll();
            api.stop();
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException ignored) {
                // best effort
            }
            Log.info("everything stopped in " + Component.seconds(stopping) + " s");
        }, "local-stack-shutdown"));
        api.start();

        if (daemon) {
            watchOwner(o.ownerPid());
        }
        try {
            stack.startAll();
        } catch (Exception e) {
            if (stack.closing()) {
                new CountDownLatch(1).await(); // the shutdown hook is running and ends the JVM
            }
            Log.error("the stack did not start: " + e.getMessage());
            return 1;
        }
        banner(o, stack, Component.seconds(began), daemon);
        new CountDownLatch(1).await(); // until a signal, /shutdown or the owner's exit
        return 0;
    }

    /** A daemon must not outlive the build that started it, even if that build is killed. */
    private static void watchOwner(long ownerPid) {
        Optional<ProcessHandle> owner = ProcessHandle.of(ownerPid);
        if (owner.isEmpty()) {
            throw new IllegalStateException("owner process " + ownerPid + " is not running");
        }
        Log.info("stopping automatically when process " + ownerPid + " exits");
        // polled: onExit() of a non-child process backs off to 5 s between checks
        Thread watcher = new Thread(() -> {
            while (Processes.alive(owner.get())) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Log.info("owner process " + ownerPid + " exited");
            System.exit(0);
        }, "owner-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void banner(Options o, Stack stack, String seconds, boolean daemon) {
        Profile p = o.profile();
        Map<String, String> env = stack.libertyEnv();
        String http = "http://localhost:" + p.httpPort();
        List<String> lines = new ArrayList<>();
        boolean liberty = stack.liberty.managed();
        lines.add((liberty ? "Quiz platform is ready in " : "Local stack (without Liberty) is ready in ")
                + seconds + " s  [profile " + p.name() + "]");
        if (liberty) {
            lines.add("  Users       " + http + "/user");
            lines.add("  Quizzes     " + http + "/quiz");
            lines.add("  Answers     " + http + "/answer");
            lines.add("  Scoring     " + http + "/scoring");
            lines.add("  Health      " + http + "/health/ready");
            lines.add("  Metrics     " + http + "/metrics");
            lines.add("  OpenAPI     " + http + "/openapi/ui");
        }
        lines.add("  Kafka       " + env.get("KAFKA_BOOTSTRAP_SERVERS") + tag(stack.kafka));
        lines.add("  PostgreSQL  " + (stack.postgres.managed()
                ? "127.0.0.1:" + p.postgresPort() + "  (" + String.join(", ", PostgresComponent.DATABASES)
                + "; role " + PostgresComponent.ROLE + ", password in "
                + o.workDir().resolve("postgres/credentials.properties") + ")"
                : env.get("USER_DB_URL") + tag(stack.postgres)));
        lines.add("  Redis       " + Stack.withoutCredentials(env.get("REDIS_URL")) + tag(stack.redis));
        lines.add("  Control API http://127.0.0.1:" + p.controlPort() + "/status");
        lines.add("  Logs        " + o.workDir().resolve("logs"));
        lines.add(daemon ? "Stop with: LocalStack stop --profile " + p.name() + " --work-dir " + o.workDir()
                : "Press Ctrl-C to stop");
        String rule = "=".repeat(72);
        Log.plain(rule);
        lines.forEach(Log::plain);
        Log.plain(rule);
    }

    private static String tag(Component c) {
        return c.state() == Component.State.EXTERNAL ? "  (external)" : "";
    }

    // ---------------------------------------------------------------- start / stop

    private static int startDaemon(Options o) throws Exception {
        long began = System.nanoTime();
        Path log = o.workDir().resolve("logs").resolve("local-stack.log");
        Files.createDirectories(log.getParent());
        long owner = o.ownerPid() != null ? o.ownerPid()
                : ProcessHandle.current().parent().map(ProcessHandle::pid)
                .orElseThrow(() -> new IllegalStateException("no parent process; pass --owner-pid"));
        cleanLeftovers(o, true);
        long logStart = Files.exists(log) ? Files.size(log) : 0; // on failure, show only this daemon's output

        List<String> command = new ArrayList<>(List.of(Processes.javaBinary(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), MAIN_CLASS));
        command.addAll(o.daemonArgs(owner));
        Process daemon = new ProcessBuilder(Processes.ownSession(command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        System.out.println("local-stack: started daemon pid " + daemon.pid() + " (profile " + o.profile().name()
                + ", owner pid " + owner + "), log " + log);

        ControlClient client = new ControlClient(o.profile().controlPort());
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!daemon.isAlive()) {
                System.err.println("local-stack: the daemon exited with " + daemon.exitValue() + "; end of " + log
                        + ":\n" + Processes.tail(log, 80, logStart));
                return 1;
            }
            Optional<ControlClient.Status> status = client.status();
            if (status.isPresent() && status.get().pid() == daemon.pid() && status.get().ready()) {
                Profile p = o.profile();
                System.out.println("local-stack: " + p.name() + " stack ready in " + Component.seconds(began)
                        + " s: kafka 127.0.0.1:" + p.kafkaPort() + ", postgres 127.0.0.1:" + p.postgresPort()
                        + ", redis 127.0.0.1:" + p.redisPort()
                        + (status.get().json().contains("\"liberty\":{\"state\":\"up\"")
                        ? ", liberty http://localhost:" + p.httpPort() : ", no liberty")
                        + ", control http://127.0.0.1:" + p.controlPort() + "/status");
                return 0;
            }
            Thread.sleep(500);
        }
        System.err.println("local-stack: not ready after " + START_TIMEOUT.toSeconds() + " s; end of " + log + ":\n"
                + Processes.tail(log, 80, logStart));
        daemon.destroy(); // its shutdown hook stops what it started
        if (!Processes.waitForExit(daemon.toHandle(), STOP_TIMEOUT)) {
            daemon.destroyForcibly();
        }
        return 1;
    }

    private static int stopDaemon(Options o) throws Exception {
        long began = System.nanoTime();
        Path pidFile = o.workDir().resolve("daemon.pid");
        ControlClient client = new ControlClient(o.profile().controlPort());
        Optional<ControlClient.Status> status = client.status();
        Optional<ProcessHandle> daemon = status.flatMap(s -> ProcessHandle.of(s.pid()))
                .or(() -> Processes.liveFromPidFile(pidFile, MAIN_CLASS));
        boolean asked = status.isPresent() && client.shutdown();
        if (daemon.isEmpty() && !asked) {
            System.out.println("local-stack: no " + o.profile().name() + " stack running");
        } else {
            ProcessHandle h = daemon.orElse(null);
            if (h != null) {
                if (!asked) {
                    h.destroy(); // SIGTERM: its shutdown hook stops everything
                }
                if (!Processes.waitForExit(h, STOP_TIMEOUT)) {
                    System.err.println("local-stack: daemon " + h.pid() + " still running after "
                            + STOP_TIMEOUT.toSeconds() + " s; killing it and its children");
                    Processes.kill(h, h.descendants().toList());
                }
            } else {
                awaitPortClosed(client);
            }
        }
        cleanLeftovers(o, false); // kills whatever a killed daemon left behind
        System.out.println("local-stack: " + o.profile().name() + " stack stopped in " + Component.seconds(began) + " s");
        return 0;
    }

    private static void awaitPortClosed(ControlClient client) throws InterruptedException {
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (client.status().isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
    }

    // ---------------------------------------------------------------- leftovers

    /**
     * Before starting (and after stopping): a launcher still answering on this profile's control port is
     * asked to shut down; processes named by our pid files are stopped; so is a Liberty server we started.
     */
    static void cleanLeftovers(Options o, boolean refuseIfInUse) throws Exception {
        ControlClient client = new ControlClient(o.profile().controlPort());
        Optional<ControlClient.Status> running = client.status();
        if (running.isPresent() && running.get().pid() != ProcessHandle.current().pid()) {
            long pid = running.get().pid();
            Optional<Long> owner = running.get().ownerPid();
            // Another build's (or developer's) stack that is still in use is not a leftover: don't pull it away.
            if (refuseIfInUse && owner.isPresent() && owner.get() != ProcessHandle.current().pid()
                    && !owner.equals(Optional.ofNullable(o.ownerPid()))
                    && ProcessHandle.of(owner.get()).map(Processes::alive).orElse(false)) {
                throw new IllegalStateException("a " + o.profile().name() + " local stack (pid " + pid + ") is in use by process "
                        + owner.get() + " on the same ports; wait for it to finish, or stop it with: LocalStack stop --profile "
                        + o.profile().name());
            }
            Log.info("a " + o.profile().name() + " local-stack (pid " + pid + ") is running; asking it to shut down");
            client.shutdown();
            ProcessHandle.of(pid).ifPresent(h -> Processes.waitForExit(h, STOP_TIMEOUT));
            awaitPortClosed(client);
        }
        Path work = o.workDir();
        Processes.liveFromPidFile(work.resolve("daemon.pid"), MAIN_CLASS).ifPresent(h -> {
            Log.info("stopping a leftover launcher (pid " + h.pid() + ")");
            Processes.terminate(h, STOP_TIMEOUT);
        });
        KafkaComponent.stopStale(work.resolve("kafka/kafka.pid"));
        RedisComponent.stopStale(work.resolve("redis/redis.pid"));
        PostgresComponent.stopStale(work.resolve("postgres/data"));
        Properties liberty = rememberedLiberty(work);
        Path wlp = o.wlpDir() != null ? o.wlpDir()
                : Optional.ofNullable(liberty.getProperty("wlpDir")).map(Path::of).orElse(null);
        String server = o.wlpDir() != null ? o.server() : liberty.getProperty("server", o.server());
        LibertyComponent.stopStale(wlp, libertyOutputDir(work), server);
        for (String service : Stack.ALONE) {
            LibertyComponent.stopStale(wlp, work.resolve("liberty-" + service + "-alone"), server);
        }
    }

    /** Where this work dir's Liberty server writes logs, workarea and expanded apps (WLP_OUTPUT_DIR). */
    static Path libertyOutputDir(Path workDir) {
        return workDir.resolve("liberty");
    }

    /** `stop` has no --wlp-dir: remember which Liberty server this work dir drives. */
    private static void rememberLiberty(Options o) throws IOException {
        Properties props = new Properties();
        props.setProperty("wlpDir", o.wlpDir().toString());
        props.setProperty("server", o.server());
        try (var out = Files.newOutputStream(o.workDir().resolve("liberty.properties"))) {
            props.store(out, "Liberty server driven by local-stack from this work dir");
        }
    }

    private static Properties rememberedLiberty(Path work) throws IOException {
        Properties props = new Properties();
        Path file = work.resolve("liberty.properties");
        if (Files.exists(file)) {
            try (var in = Files.newInputStream(file)) {
                props.load(in);
            }
        }
        return props;
    }
}
