package io.quizplatform.platform.messaging;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Kafka client settings an operator gives once for every client of a service: the Reactive Messaging channels
 * read them as the connector's settings ({@code mp.messaging.connector.liberty-kafka.<setting>}, or the environment
 * variable {@code MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_<SETTING>}), and the platform's own clients (topic
 * provisioning, readiness, the live fan-out, dead-letter tools) take the same ones from here. That is how TLS, SASL
 * and client certificates reach every producer, consumer and admin client, e.g.
 * {@code MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_SECURITY_PROTOCOL=SASL_SSL}.
 *
 * <p>Kafka's setting names are lower-case words joined by dots, so {@code SSL_TRUSTSTORE_LOCATION} is read as
 * {@code ssl.truststore.location}. Settings only the connector understands are left out, and each client then sets
 * what the platform relies on (serializers, acknowledgements, offsets) on top.
 */
public final class KafkaClientSettings {

    static final String KEY_PREFIX = "mp.messaging.connector.liberty-kafka.";
    static final String ENV_PREFIX = "MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_";

    /** The connector's own attributes (Liberty docs), not Kafka client settings. */
    private static final Set<String> CONNECTOR_ONLY = Set.of("topic", "unacked.limit", "fast.ack", "context.service",
            "creation.retry.seconds", "connector");

    private KafkaClientSettings() {
    }

    /**
     * The settings from MicroProfile Config keys (already dotted) and environment variables; an environment variable
     * wins over a key of the same setting, as it does for the channels.
     */
    public static Properties from(Iterable<String> configKeys, java.util.function.Function<String, String> configValue,
                                  Map<String, String> environment) {
        Map<String, String> settings = new TreeMap<>();
        for (String key : configKeys) {
            if (key.startsWith(KEY_PREFIX)) {
                String setting = key.substring(KEY_PREFIX.length());
                String value = configValue.apply(key);
                if (!setting.isEmpty() && value != null) {
                    settings.put(setting, value);
                }
            }
        }
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                settings.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        CONNECTOR_ONLY.forEach(settings::remove);
        Properties properties = new Properties();
        properties.putAll(settings);
        return properties;
    }
}
