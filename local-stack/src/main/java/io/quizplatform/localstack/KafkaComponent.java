package io.quizplatform.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker+controller in KRaft mode, run from the kafka_2.13 jars on our own
 * classpath as a separate JVM, so it can be stopped, restarted and SIGKILLed independently.
 */
final class KafkaComponent extends ChildProcessComponent {

    static final String MAIN_CLASS = "kafka.Kafka";

    private final int port;
    private final int controllerPort;
    private final Path home;
    private final Path dataDir;
    private final Path logsDir;
    private final Path logFile;
    private final boolean wipeAtFirstStart;
    private boolean firstStart = true;

    KafkaComponent(int port, int controllerPort, Path workDir, boolean wipeAtFirstStart, boolean external) {
        super(external ? State.EXTERNAL : State.DOWN, workDir.resolve("kafka").resolve("kafka.pid"), Duration.ofSeconds(20));
        this.port = port;
        this.controllerPort = controllerPort;
        this.home = workDir.resolve("kafka");
        this.dataDir = home.resolve("data");
        this.logsDir = workDir.resolve("logs");
        this.logFile = logsDir.resolve("kafka.log");
        this.wipeAtFirstStart = wipeAtFirstStart;
    }

    @Override
    String name() {
        return "kafka";
    }

    @Override
    int port() {
        return port;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The SASL_SSL listener beside the plain one: one port above the controller's. */
    static int securedPort(int controllerPort) {
        return controllerPort + 1;
    }

    static String serverProperties(int port, int controllerPort, Path dataDir, Path keystore, String keystorePassword) {
        int secured = securedPort(controllerPort);
        return String.join("\n",
                "# written by local-stack at every start",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort
                        + ",SECURED://127.0.0.1:" + secured,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + ",SECURED://127.0.0.1:" + secured,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SECURED:SASL_SSL",
                "# a listener as a secured production cluster has one: TLS (a certificate made at the first start) and",
                "# SCRAM-SHA-512 users (KafkaSecuredListenerIT connects the platform's client settings to it)",
                "listener.name.secured.sasl.enabled.mechanisms=SCRAM-SHA-512",
                "listener.name.secured.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "listener.name.secured.ssl.keystore.type=PKCS12",
                "listener.name.secured.ssl.keystore.location=" + keystore,
                "listener.name.secured.ssl.keystore.password=" + keystorePassword,
                "log.dirs=" + dataDir,
                "# the services create their topics in code",
                "auto.create.topics.enable=false",
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "# after a SIGKILL the restarted broker can register only once its old session expired (default 9 s)",
                "broker.session.timeout.ms=4000",
                "broker.heartbeat.interval.ms=1000",
                "# the controller writes a no-op metadata record when idle (a liveness sign for other nodes; this one is",
                "# alone) every 500 ms by default, each appended, flushed and applied",
                "metadata.max.idle.interval.ms=5000",
                "# each request handler and network thread wakes up several times a second while idle; the defaults",
                "# (8 and 3, for a server of many cores) cost an idle stack more than the requests it serves",
                "num.io.threads=2",
                "num.network.threads=2",
                "");
    }

    /** Kafka 4 logs through log4j2: WARN everywhere, except the one-line "started"/"shut down" messages. */
    static String log4j2Config() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- written by local-stack -->
                <Configuration status="WARN">
                  <Appenders>
                    <Console name="STDOUT" target="SYSTEM_OUT">
                      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
                    </Console>
                  </Appenders>
                  <Loggers>
                    <Logger name="kafka.server.KafkaServer" level="INFO"/>
                    <Logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                    <Root level="WARN">
                      <AppenderRef ref="STDOUT"/>
                    </Root>
                  </Loggers>
                </Configuration>
                """;
    }

    @Override
    protected void doStart() throws Exception {
        stopStale(pidFile);
        if (firstStart && wipeAtFirstStart) {
            PostgresComponent.deleteTree(dataDir);
        }
        firstStart = false;
        Files.createDirectories(dataDir);
        Files.createDirectories(logsDir);
        Path props = home.resolve("server.properties");
        Path log4j = home.resolve("log4j2.xml");
        SecuredListener secured = SecuredListener.prepare(home.resolve("tls"));
        Files.writeString(props, serverProperties(port, controllerPort, dataDir, secured.keystore(), secured.keystorePassword()));
        Files.writeString(log4j, log4j2Config());

        // format once; a restart keeps the data (StorageTool calls System.exit, hence a subprocess)
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            Process format = javaProcess(List.of("kafka.tools.StorageTool", "format",
                    "-t", Uuid.randomUuid().toString(), "-c", props.toString()), log4j, false);
            if (!format.waitFor(120, TimeUnit.SECONDS)) {
                format.destroyForcibly();
                throw new IllegalStateException("kafka storage format timed out, see " + logFile);
            }
            if (format.exitValue() != 0) {
                throw new IllegalStateException("kafka storage format failed (exit " + format.exitValue()
                        + "):\n" + Processes.tail(logFile, 20));
            }
        }

        process = javaProcess(List.of(MAIN_CLASS, props.toString()), log4j, true);
        Processes.writePid(pidFile, process.toHandle());
        Process started = process;
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500))) {
            Processes.awaitReady("kafka", Duration.ofSeconds(120), Duration.ofMillis(250),
                    () -> aborting() || !started.isAlive(),
                    () -> !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty());
            secured.addUser(admin);
        } catch (Processes.NotReadyException e) {
            if (!started.isAlive()) {
                throw new IllegalStateException("kafka exited with " + started.exitValue() + ":\n"
                        + Processes.tail(logFile, 30));
            }
            throw e;
        }
    }

    private Process javaProcess(List<String> mainAndArgs, Path log4j, boolean broker) throws java.io.IOException {
        List<String> command = new ArrayList<>(List.of(Processes.javaBinary()));
        if (broker) {
            command.addAll(List.of("-Xms128m", "-Xmx512m", "-XX:+UseG1GC"));
        } else {
            command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
        }
        command.addAll(List.of(
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j,
                // Kafka's own shutdown hook does the work; log4j's would only warn that it came too late
                "-Dlog4j2.shutdownHookEnabled=false",
                "-Dkafka.logs.dir=" + logsDir,
                "-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(Processes.ownSession(command))
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
    }

    @Override
    protected void describe(Map<String, Object> into) {
        into.put("controllerPort", controllerPort);
        into.put("securedPort", securedPort(controllerPort));
        SecuredListener.describe(home.resolve("tls"), into);
        super.describe(into);
    }

    static void stopStale(Path pidFile) throws java.io.IOException {
        Processes.liveFromPidFile(pidFile, MAIN_CLASS).ifPresent(h -> {
            Log.info("stopping a leftover Kafka (pid " + h.pid() + ")");
            Processes.terminate(h, Duration.ofSeconds(20));
        });
        Files.deleteIfExists(pidFile);
    }
}
