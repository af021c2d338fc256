package io.quizplatform.platform.messaging;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's Kafka settings reach the platform's own clients as they reach the Reactive Messaging channels. */
class KafkaClientSettingsTest {

    @Test
    void connectorKeysAndEnvironmentVariablesBecomeKafkaSettings() {
        Map<String, String> config = Map.of(
                "mp.messaging.connector.liberty-kafka.security.protocol", "SSL",
                "mp.messaging.connector.liberty-kafka.ssl.truststore.type", "PKCS12",
                "mp.messaging.incoming.quiz-app-user-events.topic", "user-events",
                "service.name", "quiz-app");
        Map<String, String> environment = Map.of(
                "MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.p12",
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9093");

        Properties settings = KafkaClientSettings.from(config.keySet(), config::get, environment);

        assertThat(settings).containsOnly(
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                Map.entry("ssl.truststore.location", "/etc/kafka/truststore.p12"),
                Map.entry("ssl.truststore.type", "PKCS12"));
    }

    @Test
    void theConnectorsOwnAttributesAreNotKafkaSettings() {
        Map<String, String> config = Map.of(
                "mp.messaging.connector.liberty-kafka.unacked.limit", "5000",
                "mp.messaging.connector.liberty-kafka.fast.ack", "true",
                "mp.messaging.connector.liberty-kafka.fetch.max.wait.ms", "500");

        Properties settings = KafkaClientSettings.from(List.copyOf(config.keySet()), config::get,
                Map.of("MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_CONTEXT_SERVICE", "x"));

        assertThat(settings).containsOnly(Map.entry("fetch.max.wait.ms", "500"));
    }
}
