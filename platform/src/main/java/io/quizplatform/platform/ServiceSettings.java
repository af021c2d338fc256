package io.quizplatform.platform;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Who this service is and where its shared dependencies live. Every value is a MicroProfile Config key, so an
 * operator sets it as an environment variable (upper-case, dots as underscores: {@code KAFKA_BOOTSTRAP_SERVERS}).
 * <p>
 * The config is the one of this WAR's class loader, not of whatever thread asks: in the EAR the four services share
 * one application, and each must still see its own {@code META-INF/microprofile-config.properties}.
 */
@ApplicationScoped
public class ServiceSettings {

    private final Config config = ConfigProvider.getConfig(ServiceSettings.class.getClassLoader());

    private volatile String serviceName;

    /**
     * Name of the service (user-app, quiz-app, answer-app, scoring-app): consumer group, metric tag, health name. Not a
     * setting: read from the service's own {@code META-INF/microprofile-config.properties} only, never from the
     * environment, where one {@code SERVICE_NAME} would give all four services of the EAR the same name (and one
     * consumer group).
     */
    public String serviceName() {
        String name = serviceName;
        if (name == null) {
            for (ConfigSource source : config.getConfigSources()) {
                if (source.getName().contains("microprofile-config.properties") && source.getValue("service.name") != null) {
                    name = source.getValue("service.name");
                    break;
                }
            }
            if (name == null) {
                throw new IllegalStateException("service.name is missing from the service's META-INF/microprofile-config.properties");
            }
            serviceName = name;
        }
        return name;
    }

    /** Kafka client settings given once for all clients ({@link io.quizplatform.platform.messaging.KafkaClientSettings}). */
    public java.util.Properties kafkaClientSettings() {
        return io.quizplatform.platform.messaging.KafkaClientSettings.from(config.getPropertyNames(),
                key -> config.getOptionalValue(key, String.class).orElse(null), System.getenv());
    }

    /** One default, in the platform's microprofile-config.properties (the connector's channels take the same key). */
    public String kafkaBootstrapServers() { return config.getValue("kafka.bootstrap.servers", String.class); }

    public short topicReplicationFactor() { return Short.parseShort(get("kafka.topic.replication.factor", "1")); }

    public int topicMinInsyncReplicas() { return Integer.parseInt(get("kafka.topic.min.insync.replicas", "1")); }

    public String redisUrl() { return get("redis.url", "redis://127.0.0.1:16379"); }

    /** standalone, cluster or sentinel ({@link io.quizplatform.platform.redis.RedisTopology}). */
    public String redisMode() { return get("redis.mode", "standalone"); }

    /** The cluster's seed nodes or the sentinels, {@code host:port,...}; empty in standalone mode. */
    public String redisNodes() { return get("redis.nodes", ""); }

    /** An ACL user for Redis; empty: the one in REDIS_URL, if any. */
    public String redisUsername() { return get("redis.username", ""); }

    /**
     * Redis's password, kept out of the URL (any character, no encoding); empty: the one in REDIS_URL, if any. Read
     * raw: MP Config expands {@code ${...}} in values, which would change a generated password holding one, or
     * empty it.
     */
    public String redisPassword() {
        String raw = config.getConfigValue("redis.password").getRawValue();
        return raw == null ? "" : raw;
    }

    public String redisSentinelMaster() { return get("redis.sentinel.master", ""); }

    /** Whether an unreachable Kafka fails readiness once the topics were created (by default the outbox bridges it). */
    public boolean kafkaRequiredForReadiness() { return Boolean.parseBoolean(get("kafka.required.for.readiness", "false")); }

    public boolean redisRequiredForReadiness() { return Boolean.parseBoolean(get("redis.required.for.readiness", "false")); }

    /** How often the outbox relay looks for rows no commit woke it for (it is woken after every commit that wrote one). */
    public long outboxPollIntervalMillis() { return Long.parseLong(get("outbox.poll.interval.ms", "10000")); }

    public static final int MAX_OUTBOX_BATCH_SIZE = 5000;

    /** Rows per relay step, 1 to {@value #MAX_OUTBOX_BATCH_SIZE} (a step's rows are marked by one statement, one parameter each). */
    public int outboxBatchSize() {
        return Math.max(1, Math.min(MAX_OUTBOX_BATCH_SIZE, Integer.parseInt(get("outbox.batch.size", "200").strip())));
    }

    public long outboxRetentionHours() { return Long.parseLong(get("outbox.retention.hours", "168")); }

    /** How long a consumer's mark of an applied event is kept (env PROCESSED_EVENTS_RETENTION_HOURS); 0 keeps them all. */
    public long processedEventsRetentionHours() { return Long.parseLong(get("processed.events.retention.hours", "1080").strip()); }

    /** Rounds of delivery (each with Fault Tolerance's quick retries) before a failing event is parked. */
    public io.quizplatform.platform.messaging.RetryRounds consumerRetryRounds() {
        // At most 6 rounds: one record's rounds must end well within Kafka's max.poll.interval.ms (5 minutes).
        return new io.quizplatform.platform.messaging.RetryRounds(Math.max(0, Math.min(6, intValue("consumer.retry.rounds", 3))),
                Long.parseLong(get("consumer.retry.backoff.ms", "500")));
    }

    /**
     * How often the gauges that cost a round trip (consumer lag from Kafka's admin API, the outbox's pending rows and
     * the age of the oldest) are refreshed: {@code METRICS_REFRESH_SECONDS}, default 30, at least
     * {@value #MIN_METRICS_REFRESH_SECONDS} (an idle stack must stay idle), at most 300.
     */
    public long metricsRefreshSeconds() {
        return Math.max(MIN_METRICS_REFRESH_SECONDS, Math.min(300, Long.parseLong(get("metrics.refresh.seconds", "30"))));
    }

    public static final long MIN_METRICS_REFRESH_SECONDS = 15;

    public long maxRequestBodyBytes() { return Long.parseLong(get("http.max.body.bytes", "262144")); }

    /** Deepest nesting of objects and arrays a JSON request body may have (400 above). */
    public int maxJsonDepth() { return Math.max(1, intValue("http.max.json.depth", 32)); }

    public int intValue(String key, int defaultValue) {
        return Integer.parseInt(get(key, Integer.toString(defaultValue)));
    }

    /** How long an access token lives ({@code jwt.ttl.minutes}): user-app issues for this long, the deny-lists keep as long. */
    public java.time.Duration tokenLifetime() {
        return java.time.Duration.ofMinutes(Long.parseLong(get("jwt.ttl.minutes", "60")));
    }

    /**
     * A setting whose one default is server.xml's (a {@code <variable defaultValue>}, which Liberty gives MicroProfile
     * Config as its lowest source): {@code http.port}, {@code db.pool.max}, {@code jwt.issuer}, {@code jwt.jwks.url}.
     */
    public String fromServer(String key) {
        return config.getValue(key, String.class);
    }

    /** Any other setting of this service, with its default. */
    public String get(String key, String defaultValue) {
        return config.getOptionalValue(key, String.class).orElse(defaultValue);
    }
}
