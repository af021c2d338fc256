package it.quizplatform;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml read as an operator would check it, without a Docker engine: every Liberty server's environment
 * names hosts that are services (or network aliases) it shares a network with, on ports those services listen on;
 * nginx's upstreams are the app instances; Kafka, pgbouncer, PostgreSQL and Redis are configured as the services need
 * them (replication, transaction pooling with its JDBC settings, pool sizes within max_connections, persistence and a
 * memory limit); every service has a health check and waits for what it needs to be healthy; and
 * {@code docker-compose config} (the real parser) accepts the file and reads it as this test does.
 * <p>
 * Values are the file's defaults: {@code ${VAR:-default}} is read as {@code default}.
 */
class ComposeFileTest {

    private static final List<String> BACKENDS = List.of("user-app", "quiz-app", "answer-app", "scoring-app");
    private static final String WEB_APP = "web-app";
    /** PostgreSQL's superuser_reserved_connections default. */
    private static final int SUPERUSER_RESERVED = 3;
    /** Connections to PostgreSQL left for an operator's psql, pg_dump and the health checks. */
    private static final int OPERATOR_HEADROOM = 10;

    private static Path root;
    private static Map<String, Map<String, Object>> services;
    private static Map<String, Object> topVolumes;
    private static String nginxConf;
    private static String serverXml;
    /** Databases created by docker/postgres-init. */
    private static Set<String> databases;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root above " + Path.of("").toAbsolutePath()).isNotNull();
        root = dir;
        Map<String, Object> compose = (Map<String, Object>) interpolate(yaml(Files.readString(root.resolve("docker-compose.yml"))));
        services = new TreeMap<>();
        ((Map<String, Object>) compose.get("services")).forEach((name, s) -> services.put(name, (Map<String, Object>) s));
        topVolumes = (Map<String, Object>) compose.get("volumes");
        nginxConf = Files.readString(root.resolve("docker/nginx.conf"));
        serverXml = Files.readString(root.resolve("server-config/src/main/liberty/config/server.xml"));
        databases = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(root.resolve("docker/postgres-init"))) {
            for (Path sql : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                Matcher create = Pattern.compile("(?im)^\\s*CREATE DATABASE ([a-z_]+)").matcher(Files.readString(sql));
                while (create.find()) {
                    databases.add(create.group(1));
                }
            }
        }
        assertThat(databases).as("databases of docker/postgres-init").isNotEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The apps' environments point at services that exist, on ports they listen on
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void theDefaultProfileRunsTheEarAndSplitRunsEveryAppTwice() {
        List<String> ear = libertyServices().stream().filter(s -> deployment(s).equals("ear")).toList();
        assertThat(ear).containsExactly("quiz-platform");
        assertThat(services.get("quiz-platform")).doesNotContainKey("profiles");
        for (String app : concat(BACKENDS, List.of(WEB_APP))) {
            assertThat(libertyServices().stream().filter(s -> deployment(s).equals(app)))
                    .as("instances of " + app).containsExactlyInAnyOrder(app + "-1", app + "-2");
        }
        // Infrastructure runs in every profile.
        for (String infra : List.of("kafka-1", "kafka-2", "kafka-3", "postgres", "pgbouncer", "redis")) {
            assertThat(services).containsKey(infra);
            assertThat(services.get(infra)).as(infra).doesNotContainKey("profiles");
        }
    }

    @Test
    void kafkaBootstrapNamesEveryBrokerOnItsContainerListener() {
        List<String> brokers = servicesWithImage("apache/kafka");
        assertThat(brokers).hasSize(3);
        for (String s : backendServices()) {
            List<String> bootstrap = List.of(env(s).get("KAFKA_BOOTSTRAP_SERVERS").split(","));
            List<String> hosts = new ArrayList<>();
            for (String hostPort : bootstrap) {
                URI uri = URI.create("kafka://" + hostPort.strip());
                String target = reachableService(s, uri.getHost());
                assertThat(servicesWithImage("apache/kafka")).as(s + ": " + uri.getHost() + " is a broker").contains(target);
                assertThat(listensOn(target)).as(s + ": port of " + hostPort).contains(uri.getPort());
                // The broker tells clients to come back on that very address (its PLAINTEXT advertised listener).
                assertThat(env(target).get("KAFKA_ADVERTISED_LISTENERS")).contains("PLAINTEXT://" + hostPort.strip());
                hosts.add(target);
            }
            assertThat(hosts).as(s + " bootstraps from every broker").containsExactlyInAnyOrderElementsOf(brokers);
        }
    }

    @Test
    void theTopicsTheServicesCreateMatchTheBrokers() throws IOException {
        // The keys ServiceSettings reads, as environment variables: what the compose file must set.
        String settings = Files.readString(root.resolve("platform/src/main/java/io/quizplatform/platform/ServiceSettings.java"));
        for (String key : List.of("kafka.topic.replication.factor", "kafka.topic.min.insync.replicas",
                "kafka.bootstrap.servers", "redis.url")) {
            assertThat(settings).contains("\"" + key + "\"");
            String variable = key.toUpperCase().replace('.', '_');
            backendServices().forEach(s -> assertThat(env(s)).as(s).containsKey(variable));
        }
        List<String> brokers = servicesWithImage("apache/kafka");
        for (String s : backendServices()) {
            Map<String, String> env = env(s);
            int replication = Integer.parseInt(env.get("KAFKA_TOPIC_REPLICATION_FACTOR"));
            int minInsync = Integer.parseInt(env.get("KAFKA_TOPIC_MIN_INSYNC_REPLICAS"));
            assertThat(replication).as(s + " replication factor").isEqualTo(3).isLessThanOrEqualTo(brokers.size());
            assertThat(minInsync).as(s + " min.insync.replicas: one broker may be down").isEqualTo(2).isLessThan(replication);
        }
        for (String b : brokers) {
            Map<String, String> env = env(b);
            assertThat(env).as(b).containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                    .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                    .containsEntry("KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE", "false");
        }
    }

    @Test
    void theBrokersFormOneKraftQuorum() {
        List<String> brokers = servicesWithImage("apache/kafka");
        Set<String> clusterIds = new HashSet<>();
        Set<String> voters = new HashSet<>();
        Set<String> expectedVoters = new HashSet<>();
        for (String b : brokers) {
            Map<String, String> env = env(b);
            clusterIds.add(env.get("CLUSTER_ID"));
            voters.add(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"));
            assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
            int controllerPort = listenerPort(env.get("KAFKA_LISTENERS"), env.get("KAFKA_CONTROLLER_LISTENER_NAMES"));
            expectedVoters.add(env.get("KAFKA_NODE_ID") + "@" + b + ":" + controllerPort);
        }
        assertThat(clusterIds).hasSize(1);
        // storage format reads it as a Kafka Uuid; one whose spare bits are set would be stored as another string.
        String clusterId = clusterIds.iterator().next();
        assertThat(org.apache.kafka.common.Uuid.fromString(clusterId).toString()).isEqualTo(clusterId);
        assertThat(voters).as("every broker has the same voters").hasSize(1);
        assertThat(Set.of(voters.iterator().next().split(","))).isEqualTo(expectedVoters);
    }

    @Test
    void everyDatabaseUrlGoesThroughPgbouncerToADatabaseThatExists() {
        Map<String, String> pgbouncer = env("pgbouncer");
        Map<String, String> postgres = env("postgres");
        assertThat(pgbouncer).containsEntry("POOL_MODE", "transaction");
        // pgbouncer itself reaches PostgreSQL.
        assertThat(reachableService("pgbouncer", pgbouncer.get("DB_HOST"))).isEqualTo("postgres");
        assertThat(listensOn("postgres")).contains(Integer.parseInt(pgbouncer.get("DB_PORT")));
        assertThat(pgbouncer.get("DB_USER")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(pgbouncer.get("DB_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));

        for (String s : backendServices()) {
            List<String> prefixes = deployment(s).equals("ear")
                    ? BACKENDS.stream().map(ComposeFileTest::dbPrefix).toList()
                    : List.of(dbPrefix(deployment(s)));
            for (String prefix : prefixes) {
                String key = prefix + "_DB_URL";
                // The names Liberty reads (server.xml variables) are the names compose sets.
                assertThat(serverXml).contains("<variable name=\"" + key + "\"", "${" + key + "}");
                String url = env(s).get(key);
                assertThat(url).as(s + " " + key).startsWith("jdbc:postgresql://");
                URI uri = URI.create(url.substring("jdbc:".length()));
                assertThat(reachableService(s, uri.getHost())).as(s + " " + key + " host").isEqualTo("pgbouncer");
                assertThat(listensOn("pgbouncer")).as(s + " " + key + " port").contains(uri.getPort());
                assertThat(databases).as(s + " " + key + " database").contains(uri.getPath().substring(1));
                // Transaction pooling: the next transaction may run on another server connection, which has none of
                // this connection's named prepared statements.
                assertThat(uri.getQuery()).as(s + " " + key).contains("prepareThreshold=0");
                assertThat(env(s).get(prefix + "_DB_USER")).isEqualTo(postgres.get("POSTGRES_USER"));
                assertThat(env(s).get(prefix + "_DB_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
            }
        }
    }

    @Test
    void poolSizesFitPostgresMaxConnections() {
        Map<String, String> pgbouncer = env("pgbouncer");
        int maxConnections = Integer.parseInt(postgresSetting("max_connections"));
        int perDatabase = Integer.parseInt(pgbouncer.get("MAX_DB_CONNECTIONS"));
        int poolSize = Integer.parseInt(pgbouncer.get("DEFAULT_POOL_SIZE"));
        int reserve = Integer.parseInt(pgbouncer.get("RESERVE_POOL_SIZE"));
        assertThat(poolSize + reserve).as("pool + reserve within the per-database cap").isLessThanOrEqualTo(perDatabase);
        assertThat(databases.size() * perDatabase).as("pgbouncer's server connections, all databases")
                .isLessThanOrEqualTo(maxConnections - SUPERUSER_RESERVED - OPERATOR_HEADROOM);

        // Clients: every Liberty server (both profiles at once, the worst case) opens up to DB_POOL_MAX per database,
        // and one more for its readiness check (server.xml's <service>DbProbe).
        String defaultPoolMax = variableDefault("db.pool.max");
        int readinessConnections = readinessPoolSize();
        int clients = 0;
        for (String s : backendServices()) {
            int poolMax = Integer.parseInt(env(s).getOrDefault("DB_POOL_MAX", defaultPoolMax));
            clients += (poolMax + readinessConnections) * (deployment(s).equals("ear") ? BACKENDS.size() : 1);
        }
        assertThat(clients).as("client connections to pgbouncer")
                .isLessThanOrEqualTo(Integer.parseInt(pgbouncer.get("MAX_CLIENT_CONN")));
    }

    @Test
    void redisUrlNamesRedisAndRedisPersistsWithoutSilentEviction() {
        for (String s : backendServices()) {
            URI uri = URI.create(env(s).get("REDIS_URL"));
            assertThat(uri.getScheme()).isEqualTo("redis");
            assertThat(reachableService(s, uri.getHost())).isEqualTo("redis");
            assertThat(listensOn("redis")).contains(uri.getPort());
        }
        List<String> command = command("redis");
        assertThat(option(command, "--appendonly")).isEqualTo("yes");
        // Every key has a TTL: volatile-* and allkeys-* would silently drop live game state and token deny-list
        // entries. noeviction makes a full Redis refuse writes loudly.
        assertThat(option(command, "--maxmemory-policy")).isEqualTo("noeviction");
        long maxMemory = bytes(option(command, "--maxmemory"));
        assertThat(maxMemory).isPositive();
        assertThat(bytes((String) services.get("redis").get("mem_limit")))
                .as("the container's limit leaves room above maxmemory").isGreaterThan(maxMemory);
        assertThat(volumes("redis")).containsEntry("redis-data", "/data");
    }

    @Test
    void jwksUrlAndTrustedProxiesNameWhatExists() {
        String nginxAddress = String.valueOf(((Map<?, ?>) networks("nginx").get("edge")).get("ipv4_address"));
        for (String s : backendServices()) {
            if (deployment(s).equals("ear")) {
                assertThat(env(s)).doesNotContainKeys("JWT_JWKS_URL", "TRUSTED_PROXIES");
                continue;
            }
            URI jwks = URI.create(env(s).get("JWT_JWKS_URL"));
            String target = reachableService(s, jwks.getHost());
            assertThat(deployment(target)).as(s + " JWT_JWKS_URL").isEqualTo("user-app");
            assertThat(listensOn(target)).contains(jwks.getPort());
            assertThat(jwks.getPath()).startsWith("/user/");
            assertThat(env(s).get("TRUSTED_PROXIES")).as(s).isEqualTo(nginxAddress);
        }
        // Both user-app instances answer to the name, so either serves the key set.
        assertThat(servicesAnswering("user-app", "default")).containsExactlyInAnyOrder("user-app-1", "user-app-2");
    }

    @Test
    void nginxUpstreamsAreTheAppInstancesOnTheirPorts() {
        Matcher upstream = Pattern.compile("upstream ([a-z_]+) \\{([^}]*)}").matcher(nginxConf);
        Set<String> instances = new HashSet<>();
        while (upstream.find()) {
            Matcher server = Pattern.compile("(?m)^\\s*server ([a-z0-9-]+):(\\d+)").matcher(upstream.group(2));
            while (server.find()) {
                String target = reachableService("nginx", server.group(1));
                assertThat(listensOn(target)).as("nginx upstream " + server.group(0).strip())
                        .contains(Integer.parseInt(server.group(2)));
                instances.add(target);
            }
        }
        Set<String> split = new HashSet<>();
        libertyServices().stream().filter(s -> !deployment(s).equals("ear")).forEach(split::add);
        assertThat(instances).as("every split instance is an nginx upstream server").isEqualTo(split);
        // The published port is the one nginx listens on, and its check asks that port.
        assertThat(listensOn("nginx")).contains(containerPorts("nginx").toArray(Integer[]::new));
        assertThat(healthcheck("nginx")).contains("127.0.0.1:" + listensOn("nginx").iterator().next() + "/");
        // WebSocket upgrade for the game socket.
        assertThat(nginxConf).contains("map $http_upgrade $connection_upgrade", "proxy_set_header Upgrade $http_upgrade;");
    }

    @Test
    void everyPublishedOrExposedPortIsOneTheServiceListensOn() {
        for (String s : services.keySet()) {
            Set<Integer> listening = listensOn(s);
            assertThat(containerPorts(s)).as(s + " ports and expose").allSatisfy(p -> assertThat(listening).contains(p));
        }
        // Tools on the host reach each broker where it says it is.
        for (String b : servicesWithImage("apache/kafka")) {
            Map<String, String> env = env(b);
            int hostListener = listenerPort(env.get("KAFKA_LISTENERS"), "HOST");
            Matcher advertised = Pattern.compile("HOST://localhost:(\\d+)").matcher(env.get("KAFKA_ADVERTISED_LISTENERS"));
            assertThat(advertised.find()).as(b).isTrue();
            assertThat(ports(b)).as(b).contains("127.0.0.1:" + advertised.group(1) + ":" + hostListener);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Health checks, start order, volumes, logging
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void everyServiceHasAHealthCheckOnWhatItServes() {
        for (String s : services.keySet()) {
            String test = healthcheck(s);
            assertThat(test).as(s + " healthcheck").isNotBlank().doesNotContain("NONE");
        }
        for (String s : libertyServices()) {
            assertThat(healthcheck(s)).as(s).contains("localhost:" + listensOn(s).iterator().next() + "/health/ready");
        }
        assertThat(healthcheck("pgbouncer")).contains("-p " + env("pgbouncer").get("LISTEN_PORT"), "SELECT 1");
        servicesWithImage("apache/kafka").forEach(b -> assertThat(healthcheck(b)).contains("localhost:9092"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceWaitsUntilWhatItNeedsIsHealthy() {
        for (String s : services.keySet()) {
            Object dependsOn = services.get(s).get("depends_on");
            if (dependsOn == null) {
                continue;
            }
            assertThat(dependsOn).as(s + " depends_on with conditions").isInstanceOf(Map.class);
            ((Map<String, Object>) dependsOn).forEach((target, condition) -> {
                assertThat(services).as(s + " depends on " + target).containsKey(target);
                assertThat((Map<String, Object>) condition).as(s + " -> " + target)
                        .containsEntry("condition", "service_healthy");
            });
        }
        // Each server waits for every host its environment names (brokers, pgbouncer, Redis); pgbouncer for PostgreSQL.
        for (String s : backendServices()) {
            Set<String> needed = new HashSet<>(servicesWithImage("apache/kafka"));
            needed.add("pgbouncer");
            needed.add("redis");
            assertThat(((Map<String, Object>) services.get(s).get("depends_on")).keySet()).as(s).containsAll(needed);
        }
        assertThat(((Map<String, Object>) services.get("pgbouncer").get("depends_on")).keySet()).contains("postgres");
        assertThat(((Map<String, Object>) services.get("nginx").get("depends_on")).keySet())
                .containsExactlyInAnyOrderElementsOf(libertyServices().stream().filter(x -> !deployment(x).equals("ear")).toList());
    }

    @Test
    void stateLivesInNamedVolumes() {
        Map<String, String> dataDirs = Map.of("kafka-1", "/var/lib/kafka/data", "kafka-2", "/var/lib/kafka/data",
                "kafka-3", "/var/lib/kafka/data", "postgres", "/var/lib/postgresql/data", "redis", "/data");
        Set<String> used = new HashSet<>();
        dataDirs.forEach((s, dir) -> {
            Map<String, String> mounts = volumes(s);
            String volume = mounts.entrySet().stream().filter(e -> e.getValue().equals(dir)).map(Map.Entry::getKey)
                    .findFirst().orElseThrow(() -> new AssertionError(s + " has nothing mounted at " + dir));
            assertThat(topVolumes).as(s + ": a named volume, not a bind mount").containsKey(volume);
            assertThat(used.add(volume)).as(volume + " used by one service only").isTrue();
        });
        for (String b : servicesWithImage("apache/kafka")) {
            assertThat(env(b).get("KAFKA_LOG_DIRS")).isEqualTo(dataDirs.get(b));
        }
    }

    @Test
    void jsonLoggingIsOneSwitchForEveryLibertyServer() {
        // server.xml takes the console format from WLP_LOGGING_CONSOLE_FORMAT, SIMPLE unless it is set.
        assertThat(serverXml).contains("<variable name=\"WLP_LOGGING_CONSOLE_FORMAT\" defaultValue=\"SIMPLE\"/>",
                "consoleFormat=\"${WLP_LOGGING_CONSOLE_FORMAT}\"");
        String raw = rawComposeFile();
        for (String s : libertyServices()) {
            assertThat(env(s)).as(s).containsEntry("WLP_LOGGING_CONSOLE_FORMAT", "SIMPLE");
        }
        assertThat(raw).contains("WLP_LOGGING_CONSOLE_FORMAT: ${WLP_LOGGING_CONSOLE_FORMAT:-SIMPLE}");
    }

    @Test
    void theImageIsKernelSlimGrownByFeaturesShAtTheMavenBuildsLibertyVersion() throws IOException {
        String dockerfile = Files.readString(root.resolve("docker/Dockerfile"));
        Matcher base = Pattern.compile("(?m)^ARG LIBERTY_IMAGE=icr\\.io/appcafe/open-liberty:([0-9.]+)-kernel-slim-java17-openj9-ubi-minimal(@sha256:[0-9a-f]{64})?$")
                .matcher(dockerfile);
        assertThat(base.find()).as("the base image is Open Liberty's kernel-slim, by tag (and digest when pinned)").isTrue();
        Matcher runtime = Pattern.compile("<liberty.runtime.version>([0-9.]+)</liberty.runtime.version>")
                .matcher(Files.readString(root.resolve("pom.xml")));
        assertThat(runtime.find()).isTrue();
        assertThat(base.group(1)).as("image and Maven build run the same Liberty").isEqualTo(runtime.group(1));
        // Features after server.xml (which names them), before the application and configure.sh.
        int config = dockerfile.indexOf("COPY --chown=1001:0 ${SERVER_DIR}/server.xml");
        int deploymentXml = dockerfile.indexOf("COPY --chown=1001:0 ${SERVER_DIR}/deployment/");
        int features = dockerfile.indexOf("    features.sh");
        int apps = dockerfile.indexOf("COPY --from=app");
        int configure = dockerfile.indexOf("RUN configure.sh");
        assertThat(List.of(config, deploymentXml, features, apps, configure)).doesNotContain(-1).isSorted();
        assertThat(dockerfile).doesNotContain("-full-java");
        // Never a made-up pin: a digest, if there is one, is a full sha256.
        Matcher digests = Pattern.compile("@sha256:([0-9a-zA-Z<>]*)").matcher(dockerfile.replaceAll("(?m)^#.*$", ""));
        while (digests.find()) {
            assertThat(digests.group(1)).matches("[0-9a-f]{64}");
        }
    }

    /**
     * Every image by an explicit version tag (never latest, never none), a digest only beside it and only as a full
     * sha256; the platform's own images all by ${QUIZ_PLATFORM_TAG:-dev}; and DEPLOYMENT.md's pinning table lists
     * exactly the third-party images compose runs (plus the Liberty base image), so a bump changes both.
     */
    @Test
    void everyImageIsPinnedByAVersionTagAndTheDocsListTheSame() throws IOException {
        Pattern reference = Pattern.compile("([a-z0-9]+(?:[._/-][a-z0-9]+)*):([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})(@sha256:[0-9a-f]{64})?");
        services.forEach((name, s) -> assertThat(s.get("image")).as(name + "'s image").isNotNull());
        // As written (the services above have the variables replaced by their defaults).
        Set<String> external = new TreeSet<>();
        Matcher line = Pattern.compile("(?m)^\\s*image:\\s*(\\S+)\\s*$").matcher(rawComposeFile());
        while (line.find()) {
            String image = line.group(1);
            if (image.startsWith("quiz-platform")) {
                assertThat(image).matches("quiz-platform(-(user|quiz|answer|scoring|web)-app)?:\\$\\{QUIZ_PLATFORM_TAG:-dev}");
                continue;
            }
            Matcher m = reference.matcher(image);
            assertThat(m.matches()).as("%s is <name>:<tag>[@sha256:<64 hex digits>]", image).isTrue();
            assertThat(m.group(2)).as("%s: a version tag", image).doesNotContainIgnoringCase("latest").containsPattern("[0-9]");
            external.add(m.group(1) + ":" + m.group(2));
        }
        assertThat(external).hasSizeGreaterThanOrEqualTo(5);

        String deployment = Files.readString(root.resolve("docs/DEPLOYMENT.md"));
        int start = deployment.indexOf("### Pinning the images by tag and digest");
        assertThat(start).as("DEPLOYMENT.md's pinning section").isNotNegative();
        String section = deployment.substring(start, deployment.indexOf("\n### ", start + 1));
        Set<String> listed = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `([^`]+)` \\|").matcher(section);
        while (row.find()) {
            listed.add(row.group(1));
        }
        Matcher liberty = Pattern.compile("(?m)^ARG LIBERTY_IMAGE=([^@\\s]+)").matcher(Files.readString(root.resolve("docker/Dockerfile")));
        assertThat(liberty.find()).isTrue();
        Set<String> expected = new TreeSet<>(external);
        expected.add(liberty.group(1));
        assertThat(listed).as("the images DEPLOYMENT.md's pinning table lists").isEqualTo(expected);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The real parser: docker-compose config
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void dockerComposeAcceptsTheFileAndReadsItAsThisTestDoes() throws Exception {
        DockerCompose compose = DockerCompose.find();
        for (List<String> profile : List.of(List.<String>of(), List.of("--profile", "split"))) {
            List<String> args = new ArrayList<>(profile);
            args.addAll(List.of("-f", "docker-compose.yml", "config"));
            DockerCompose.Result result = compose.run(root, args.toArray(String[]::new));
            assertThat(result.exitCode()).as(compose.executable() + " " + String.join(" ", args) + ":\n" + result.output())
                    .isZero();
            Map<String, Object> rendered = (Map<String, Object>) yaml(result.output().substring(indexOfYaml(result.output())));
            Map<String, Map<String, Object>> renderedServices = (Map<String, Map<String, Object>>) rendered.get("services");
            assertThat(renderedServices.keySet()).as("services docker-compose sees")
                    .containsAll(List.of("kafka-1", "kafka-2", "kafka-3", "postgres", "pgbouncer", "redis", "quiz-platform"));
            for (String s : renderedServices.keySet()) {
                assertThat(services).as("service " + s).containsKey(s);
                Map<String, Object> env = (Map<String, Object>) renderedServices.get(s).get("environment");
                if (env == null) {
                    continue;
                }
                Map<String, String> renderedEnv = new TreeMap<>();
                env.forEach((k, v) -> renderedEnv.put(k, v == null ? "" : String.valueOf(v)));
                assertThat(renderedEnv).as(s + " environment as docker-compose merges and interpolates it")
                        .isEqualTo(new TreeMap<>(env(s)));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reading the file
    // ---------------------------------------------------------------------------------------------------------------

    /** Services that run a Liberty server (they set DEPLOYMENT). */
    private static List<String> libertyServices() {
        return services.keySet().stream().filter(s -> env(s).containsKey("DEPLOYMENT")).toList();
    }

    /** Liberty services that run a backend (the EAR or one of the four services). */
    private static List<String> backendServices() {
        List<String> result = libertyServices().stream().filter(s -> !deployment(s).equals(WEB_APP)).toList();
        assertThat(result).isNotEmpty();
        return result;
    }

    private static String deployment(String service) {
        return env(service).getOrDefault("DEPLOYMENT", "");
    }

    private static String dbPrefix(String app) {
        return app.replace("-app", "").toUpperCase();
    }

    private static List<String> servicesWithImage(String image) {
        return services.keySet().stream().filter(s -> String.valueOf(services.get(s).get("image")).startsWith(image + ":"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> env(String service) {
        Map<String, String> env = new TreeMap<>();
        Object e = services.get(service).get("environment");
        if (e instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (e instanceof List<?> list) {
            for (Object item : list) {
                String[] kv = String.valueOf(item).split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return env;
    }

    /** The service's networks with their settings; no networks key means the project's `default`. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> networks(String service) {
        Object n = services.get(service).get("networks");
        Map<String, Object> result = new LinkedHashMap<>();
        if (n == null) {
            result.put("default", Map.of());
        } else if (n instanceof List<?> list) {
            list.forEach(name -> result.put(String.valueOf(name), Map.of()));
        } else {
            ((Map<String, Object>) n).forEach((name, v) -> result.put(name, v == null ? Map.of() : v));
        }
        return result;
    }

    /** Services that answer to {@code host} on {@code network}: by their service name or a network alias. */
    @SuppressWarnings("unchecked")
    private static List<String> servicesAnswering(String host, String network) {
        List<String> result = new ArrayList<>();
        for (String s : services.keySet()) {
            Map<String, Object> nets = networks(s);
            if (!nets.containsKey(network)) {
                continue;
            }
            Object aliases = ((Map<String, Object>) nets.get(network)).get("aliases");
            if (s.equals(host) || (aliases instanceof List<?> list && list.contains(host))) {
                result.add(s);
            }
        }
        return result;
    }

    /**
     * The service {@code host} names from {@code caller}'s networks (a service name or alias on a network both are
     * on); fails when there is none. When an alias names several instances, they must all run the same thing.
     */
    private static String reachableService(String caller, String host) {
        Set<String> found = new LinkedHashSet<>();
        for (String network : networks(caller).keySet()) {
            found.addAll(servicesAnswering(host, network));
        }
        assertThat(found).as(caller + " reaches a service named " + host + " on its networks " + networks(caller).keySet())
                .isNotEmpty();
        String first = found.iterator().next();
        found.forEach(s -> assertThat(services.get(s).get("image")).as(host + " names one kind of service")
                .isEqualTo(services.get(first).get("image")));
        return first;
    }

    /** The container ports a service listens on, from its own configuration. */
    private static Set<Integer> listensOn(String service) {
        String image = String.valueOf(services.get(service).get("image"));
        Map<String, String> env = env(service);
        Set<Integer> ports = new LinkedHashSet<>();
        if (env.containsKey("DEPLOYMENT")) {
            ports.add(Integer.parseInt(env.getOrDefault("HTTP_PORT", variableDefault("http.port"))));
        } else if (image.startsWith("apache/kafka:")) {
            Matcher m = Pattern.compile("[A-Z_]+://[^:,]*:(\\d+)").matcher(env.get("KAFKA_LISTENERS"));
            while (m.find()) {
                ports.add(Integer.parseInt(m.group(1)));
            }
        } else if (image.startsWith("edoburu/pgbouncer:")) {
            ports.add(Integer.parseInt(env.getOrDefault("LISTEN_PORT", "5432")));
        } else if (image.startsWith("postgres:")) {
            String port = postgresSettingOrNull("port");
            ports.add(port == null ? 5432 : Integer.parseInt(port));
        } else if (image.startsWith("redis:")) {
            String port = option(command(service), "--port");
            ports.add(port == null ? 6379 : Integer.parseInt(port));
        } else if (image.startsWith("nginx:")) {
            Matcher m = Pattern.compile("(?m)^\\s*listen (\\d+);").matcher(nginxConf);
            while (m.find()) {
                ports.add(Integer.parseInt(m.group(1)));
            }
        } else {
            throw new AssertionError("ComposeFileTest does not know what " + service + " (" + image
                    + ") listens on: teach listensOn()");
        }
        assertThat(ports).as(service + " listens somewhere").isNotEmpty();
        return ports;
    }

    @SuppressWarnings("unchecked")
    private static List<String> ports(String service) {
        Object p = services.get(service).get("ports");
        return p == null ? List.of() : ((List<Object>) p).stream().map(String::valueOf).toList();
    }

    /** Container ports of `ports` (the last number of each mapping) and `expose`. */
    @SuppressWarnings("unchecked")
    private static List<Integer> containerPorts(String service) {
        List<Integer> result = new ArrayList<>();
        for (String mapping : ports(service)) {
            String[] parts = mapping.split(":");
            result.add(Integer.parseInt(parts[parts.length - 1].replace("/tcp", "")));
        }
        Object expose = services.get(service).get("expose");
        if (expose != null) {
            ((List<Object>) expose).forEach(e -> result.add(Integer.parseInt(String.valueOf(e))));
        }
        return result;
    }

    /** Named volume (or bind source) to container path. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> volumes(String service) {
        Map<String, String> result = new LinkedHashMap<>();
        Object v = services.get(service).get("volumes");
        if (v != null) {
            for (Object entry : (List<Object>) v) {
                String[] parts = String.valueOf(entry).split(":");
                result.put(parts[0], parts[1]);
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static String healthcheck(String service) {
        Object h = services.get(service).get("healthcheck");
        assertThat(h).as(service + " healthcheck").isInstanceOf(Map.class);
        Object test = ((Map<String, Object>) h).get("test");
        assertThat(test).as(service + " healthcheck test").isNotNull();
        return test instanceof List<?> list ? String.join(" ", list.stream().map(String::valueOf).toList()) : String.valueOf(test);
    }

    @SuppressWarnings("unchecked")
    private static List<String> command(String service) {
        Object c = services.get(service).get("command");
        assertThat(c).as(service + " command").isInstanceOf(List.class);
        return ((List<Object>) c).stream().map(String::valueOf).toList();
    }

    /** The value after {@code name} in a command line, or null. */
    private static String option(List<String> command, String name) {
        int at = command.indexOf(name);
        return at < 0 || at + 1 >= command.size() ? null : command.get(at + 1);
    }

    private static String postgresSetting(String name) {
        String value = postgresSettingOrNull(name);
        assertThat(value).as("postgres -c " + name).isNotNull();
        return value;
    }

    private static String postgresSettingOrNull(String name) {
        List<String> command = command("postgres");
        for (int i = 0; i + 1 < command.size(); i++) {
            if (command.get(i).equals("-c") && command.get(i + 1).startsWith(name + "=")) {
                return command.get(i + 1).substring(name.length() + 1);
            }
        }
        return null;
    }

    /** The port of listener {@code name} in a KAFKA_LISTENERS value. */
    private static int listenerPort(String listeners, String name) {
        Matcher m = Pattern.compile("(?:^|,)" + Pattern.quote(name) + "://[^:,]*:(\\d+)").matcher(listeners);
        assertThat(m.find()).as(name + " in " + listeners).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** The readiness check's own pool per database (server.xml's {@code <service>DbProbe}), the same for all four. */
    private static int readinessPoolSize() {
        Matcher m = Pattern.compile("<dataSource id=\"(\\w+)DbProbe\"[^>]*>.*?<connectionManager maxPoolSize=\"(\\d+)\"",
                Pattern.DOTALL).matcher(serverXml);
        java.util.Set<String> databases = new java.util.TreeSet<>();
        java.util.Set<Integer> sizes = new java.util.HashSet<>();
        while (m.find()) {
            databases.add(m.group(1));
            sizes.add(Integer.parseInt(m.group(2)));
        }
        assertThat(databases).as("a readiness data source per database").containsExactly("answer", "quiz", "scoring", "user");
        assertThat(sizes).as("readiness pool sizes").hasSize(1);
        return sizes.iterator().next();
    }

    /** A server.xml variable's default value. */
    private static String variableDefault(String name) {
        Matcher m = Pattern.compile("<variable name=\"" + Pattern.quote(name) + "\" defaultValue=\"([^\"]*)\"/>").matcher(serverXml);
        assertThat(m.find()).as("server.xml variable " + name).isTrue();
        return m.group(1);
    }

    private static long bytes(String size) {
        Matcher m = Pattern.compile("(?i)(\\d+)\\s*([kmg]?)b?").matcher(size.strip());
        assertThat(m.matches()).as("a size: " + size).isTrue();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase()) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
    }

    private static String rawComposeFile() {
        try {
            return Files.readString(root.resolve("docker-compose.yml"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** docker-compose 1.x may print warnings before the YAML; it starts at the first top-level key. */
    private static int indexOfYaml(String output) {
        Matcher m = Pattern.compile("(?m)^(networks|services|version|volumes|name):").matcher(output);
        assertThat(m.find()).as("YAML in:\n" + output).isTrue();
        return m.start();
    }

    private static Object yaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(1000);
        return new Yaml(options).load(text);
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

    /** Every string with {@code ${VAR:-default}} replaced by its default (empty without one), {@code $$} by {@code $}. */
    @SuppressWarnings("unchecked")
    private static Object interpolate(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(String.valueOf(k), interpolate(v)));
            return result;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(ComposeFileTest::interpolate).toList();
        }
        if (node instanceof String s) {
            Matcher m = VARIABLE.matcher(s);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String replacement = m.group().equals("$$") ? "$" : m.group(2) == null ? "" : m.group(2);
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            return out.toString();
        }
        return node;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> result = new ArrayList<>(a);
        result.addAll(b);
        return result;
    }
}
