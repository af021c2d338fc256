package io.quizplatform.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The four components in dependency order: PostgreSQL, Redis and Kafka start in parallel, then Liberty;
 * everything stops in reverse order. Components given through the environment are marked external.
 */
final class Stack {

    static final List<String> DB_ENV_PREFIXES = List.of("USER", "QUIZ", "ANSWER", "SCORING");

    private final Options options;
    private final Map<String, String> environment;
    final PostgresComponent postgres;
    final RedisComponent redis;
    final KafkaComponent kafka;
    final LibertyComponent liberty;
    /**
     * A second server from the same configuration running quiz-app alone (DEPLOYMENT=quiz-app), started only on
     * request through the control API: it proves a service runs by itself under the same URLs, and gives tests a
     * second quiz-app instance. Ports: the profile's HTTP/HTTPS ports + 100.
     */
    final LibertyComponent quizAppAlone;
    /** The same for answer-app and scoring-app (ports + 200, + 300): second instances in the services' consumer groups. */
    final LibertyComponent answerAppAlone;
    final LibertyComponent scoringAppAlone;
    /** Receives the spans of the stack's servers when tracing is on (always in the test profile). */
    final OtlpReceiver otlp;
    private volatile boolean ready;
    private volatile boolean closing;
    private boolean stopped;

    Stack(Options options, Map<String, String> environment) throws IOException {
        this.options = options;
        this.environment = environment;
        LocalStack.Profile p = options.profile();
        Path work = options.workDir();
        boolean wipe = p.wipesData();
        postgres = new PostgresComponent(p.postgresPort(), work, wipe, environment.containsKey("USER_DB_URL"));
        redis = new RedisComponent(p.redisPort(), work, environment.containsKey("REDIS_URL"));
        kafka = new KafkaComponent(p.kafkaPort(), p.kafkaControllerPort(), work, wipe,
                environment.containsKey("KAFKA_BOOTSTRAP_SERVERS"));
        redis.prepare();
        liberty = new LibertyComponent(options.wlpDir(), LocalStack.libertyOutputDir(work), options.server(), p.httpPort(),
                options.libertyWanted() && LibertyComponent.installed(options.wlpDir(), options.server()),
                this::libertyEnv);
        otlp = new OtlpReceiver(p.otlpPort());
        quizAppAlone = alone("quiz-app", 100);
        answerAppAlone = alone("answer-app", 200);
        scoringAppAlone = alone("scoring-app", 300);
    }

    List<Component> components() {
        return List.of(postgres, redis, kafka, liberty, quizAppAlone, answerAppAlone, scoringAppAlone);
    }

    /** The names of the servers that run one service alone, as the control API knows them. */
    static final List<String> ALONE = List.of("quiz-app", "answer-app", "scoring-app");

    private LibertyComponent alone(String service, int portOffset) {
        return new LibertyComponent(service + "-alone", options.wlpDir(), options.workDir().resolve("liberty-" + service + "-alone"),
                options.server(), options.profile().httpPort() + portOffset, liberty.managed(), () -> aloneEnv(service, portOffset));
    }

    /**
     * Settings given with the last start of a server that runs one service alone (the control API's query
     * parameters), on top of the stack's: e.g. its database through a connection pooler. A start without any clears them.
     */
    private final Map<String, Map<String, String>> aloneOverrides = new java.util.concurrent.ConcurrentHashMap<>();

    void overrideAloneEnv(String component, Map<String, String> overrides) {
        aloneOverrides.put(component, Map.copyOf(overrides));
    }

    Map<String, String> aloneEnv(String service, int portOffset) {
        Map<String, String> env = libertyEnv();
        env.putAll(aloneOverrides.getOrDefault(service + "-alone", Map.of()));
        env.put("DEPLOYMENT", service);
        env.put("HTTP_PORT", Integer.toString(options.profile().httpPort() + portOffset));
        // user-app is not in this server: verify tokens against the EAR server's key set
        env.put("JWT_JWKS_URL", "http://127.0.0.1:" + options.profile().httpPort() + "/user/api/jwks");
        env.put("HTTPS_PORT", Integer.toString(options.profile().httpsPort() + portOffset));
        if (env.containsKey("OTEL_SDK_DISABLED")) {
            env.put("OTEL_SERVICE_NAME", service); // its spans apart from the EAR server's
        }
        return env;
    }

    Component component(String name) {
        return components().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** What Liberty gets on top of the inherited environment; also shown by /status. */
    Map<String, String> libertyEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.managed() ? kafka.bootstrapServers()
                : environment.get("KAFKA_BOOTSTRAP_SERVERS"));
        env.put("REDIS_URL", redis.managed() ? redis.url() : environment.get("REDIS_URL"));
        if (postgres.managed()) {
            env.putAll(postgres.env());
        } else {
            for (String prefix : DB_ENV_PREFIXES) {
                for (String suffix : List.of("_DB_URL", "_DB_USER", "_DB_PASSWORD")) {
                    String key = prefix + suffix;
                    if (environment.containsKey(key)) {
                        env.put(key, environment.get(key));
                    }
                }
            }
        }
        env.put("HTTP_PORT", Integer.toString(options.profile().httpPort()));
        env.put("HTTPS_PORT", Integer.toString(options.profile().httpsPort()));
        if (!environment.containsKey("WS_ALLOWED_ORIGINS")) {
            // The web client's pages open the game socket from this server's own origin, whatever the profile's port.
            int http = options.profile().httpPort();
            env.put("WS_ALLOWED_ORIGINS", String.join(",", "http://localhost:9080", "http://127.0.0.1:9080",
                    "https://localhost:9443", "http://localhost:" + http, "http://127.0.0.1:" + http,
                    "https://localhost:" + options.profile().httpsPort()));
        }
        if (options.profile().equals(LocalStack.Profile.TEST)) {
            // Tests speak for many clients from one machine through X-Forwarded-For, as an ingress would.
            env.put("TRUSTED_PROXIES", "127.0.0.1");
            env.put("ADMIN_EMAILS", "operator@quiz-platform.test");
            // A completion step that keeps failing gives up (and compensates) after 1 s + 2 s of backoff.
            putUnlessSet(env, "SCORING_FINALIZATION_MAX_ATTEMPTS", "3");
            // A completion whose tallies do not come gives up (and compensates) after 30 s rather than 2 min.
            putUnlessSet(env, "SCORING_FINALIZATION_WAIT_SECONDS", "30");
            // Every test registers and logs in its own users: a tenth of the production count keeps PBKDF2 real but
            // cheap under the client compiler (RateLimitIT took 71 s, now 10 s). The chart keeps 210,000.
            putUnlessSet(env, "PASSWORD_HASH_ITERATIONS", "21000");
            // The tests start a Liberty server about 17 times (restarts, second instances). With the client compiler
            // only, one starts in 28 s instead of 38 s on two cores; no test measures throughput (benchmarks use dev).
            putUnlessSet(env, "JVM_ARGS", "-XX:TieredStopAtLevel=1");
        }
        env.putAll(tracingEnv());
        return env;
    }

    /** A test-stack default that the developer's own environment (which Liberty inherits) overrides. */
    private void putUnlessSet(Map<String, String> env, String key, String value) {
        if (!environment.containsKey(key)) {
            env.put(key, value);
        }
    }

    /**
     * Tracing of the stack's servers into the stack's own OTLP receiver: always in the test profile (TracingIT reads
     * the spans; every other test then runs traced, through the batch span processor, which is cheap); in the other
     * profiles when the developer turns it on (OTEL_SDK_DISABLED=false) without saying where the spans go.
     */
    Map<String, String> tracingEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        boolean asked = "false".equalsIgnoreCase(environment.get("OTEL_SDK_DISABLED"))
                && !environment.containsKey("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (options.profile().equals(LocalStack.Profile.TEST) || asked) {
            env.put("OTEL_SDK_DISABLED", "false");
            env.put("OTEL_EXPORTER_OTLP_ENDPOINT", otlp.endpoint());
            env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            env.put("OTEL_TRACES_EXPORTER", "otlp");
            env.put("OTEL_METRICS_EXPORTER", "none");
            env.put("OTEL_LOGS_EXPORTER", "none");
            env.put("OTEL_SERVICE_NAME", "quiz-platform");
            // a test waits for its spans: sent every 200 ms rather than every 5 s
            env.put("OTEL_BSP_SCHEDULE_DELAY", "200");
        }
        return env;
    }

    List<String> externalComponents() {
        return components().stream().filter(c -> c.state() == Component.State.EXTERNAL).map(Component::name).toList();
    }

    /** Ports we are about to bind must be free; a clear message beats a bind error deep in a log. */
    void checkPortsFree() {
        List<String> busy = new ArrayList<>();
        LocalStack.Profile p = options.profile();
        Map<String, Integer> ports = new LinkedHashMap<>();
        if (postgres.managed()) {
            ports.put("postgres", p.postgresPort());
        }
        if (redis.managed()) {
            ports.put("redis", p.redisPort());
        }
        if (kafka.managed()) {
            ports.put("kafka", p.kafkaPort());
            ports.put("kafka controller", p.kafkaControllerPort());
        }
        if (liberty.managed()) {
            ports.put("liberty http", p.httpPort());
            ports.put("liberty https", p.httpsPort());
            ports.put("otlp receiver", p.otlpPort());
        }
        ports.forEach((name, port) -> {
            if (!portFree(port)) {
                busy.add(name + " " + port);
            }
        });
        if (!busy.isEmpty()) {
            throw new IllegalStateException("ports already in use: " + String.join(", ", busy)
                    + " (another stack or server is running?)");
        }
    }

    static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    void startAll() throws Exception {
        if (postgres.managed() && !PostgresComponent.binariesCached()) {
            // first run on this machine: zonky unpacks executables, and a Kafka JVM forked meanwhile
            // could inherit one still open for writing ("Text file busy"); so PostgreSQL goes alone
            postgres.start();
        }
        // own threads: the common pool has a single worker on a 2-core machine
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<CompletableFuture<Void>> infra = new ArrayList<>();
            for (Component c : List.of(postgres, redis, kafka)) {
                if (c.managed()) {
                    infra.add(CompletableFuture.runAsync(() -> {
                        try {
                            c.start();
                        } catch (Exception e) {
                            throw new CompletionException(e);
                        }
                    }, pool));
                }
            }
            CompletableFuture.allOf(infra.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            pool.shutdown();
        }
        if (closing) {
            throw new IllegalStateException("shutting down");
        }
        if (liberty.managed()) {
            otlp.start();
            liberty.start();
        }
        ready = true;
    }

    /** Idempotent; safe to call from the shutdown hook while startAll is still running. */
    void stopAll() {
        closing = true;
        ready = false;
        components().forEach(Component::abort);
        synchronized (this) {
            if (stopped) {
                return;
            }
            List<Component> reversed = new ArrayList<>(components());
            java.util.Collections.reverse(reversed);
            for (Component c : reversed) {
                if (c.managed()) {
                    c.stop();
                }
            }
            otlp.stop(); // after Liberty, whose exporter sends what it still has on the way out
            stopped = true;
        }
    }

    boolean closing() {
        return closing;
    }

    /** Ready once started, and while every managed component is up. */
    boolean ready() {
        return ready && components().stream().filter(Component::managed).filter(c -> c != quizAppAlone && c != answerAppAlone && c != scoringAppAlone)
                .allMatch(c -> c.state() == Component.State.UP);
    }

    /** Shown by /status in place of a password. */
    static final String HIDDEN = "(hidden)";

    Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("profile", options.profile().name());
        status.put("pid", ProcessHandle.current().pid());
        status.put("ready", ready());
        // Whose stack this is: a daemon serves the build that started it, a foreground run serves itself.
        status.put("ownerPid", options.ownerPid() != null ? options.ownerPid() : ProcessHandle.current().pid());
        status.put("workDir", options.workDir().toString());
        Map<String, Object> components = new LinkedHashMap<>();
        for (Component c : components()) {
            components.put(c.name(), c.status());
        }
        status.put("components", components);
        // What Liberty gets, with the passwords left out: the control API answers any local process. The embedded
        // database's password stays in its owner-only credentials file, which the tests read.
        Map<String, Object> env = new LinkedHashMap<>();
        libertyEnv().forEach((key, value) -> env.put(key, key.endsWith("_PASSWORD") && value != null ? HIDDEN
                : key.endsWith("_URL") ? withoutCredentials(value) : value));
        status.put("env", env);
        if (postgres.managed()) {
            status.put("credentialsFile", postgres.credentialsFile().toString());
        }
        status.put("otlpEndpoint", otlp.endpoint());
        return status;
    }

    /** A URL for showing: without the user and password a REDIS_URL (say) may carry. */
    static String withoutCredentials(String url) {
        if (url == null) {
            return null;
        }
        // Up to the last '@': an unencoded password may hold a '/' or another '@'.
        int scheme = url.indexOf("://");
        int at = url.lastIndexOf('@');
        return scheme >= 0 && at > scheme ? url.substring(0, scheme + 3) + url.substring(at + 1) : url;
    }
}
