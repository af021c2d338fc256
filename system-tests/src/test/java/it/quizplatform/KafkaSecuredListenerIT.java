package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import io.quizplatform.platform.messaging.KafkaClientSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The services' Kafka settings against a secured broker: the local broker's SASL_SSL listener (TLS with a certificate
 * made at its first start, SCRAM-SHA-512) reached with exactly the environment variables docs/DEPLOYMENT.md gives an
 * operator ({@code MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_*}, the CA as PEM text), mapped by the platform's own
 * {@link KafkaClientSettings}: an admin client, a producer and a consumer work; a wrong password and a client without
 * TLS are refused.
 */
public class KafkaSecuredListenerIT {

    private static final String PREFIX = "MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_";
    private static String bootstrap;
    private static String user;
    private static String password;
    private static String caPem;

    @BeforeAll
    static void theSecuredListener() throws Exception {
        JsonNode kafka = Platform.stackStatus().get("components").get("kafka");
        bootstrap = "127.0.0.1:" + kafka.get("securedPort").asInt();
        user = kafka.get("securedUser").asText();
        password = Files.readString(Path.of(kafka.get("securedPasswordFile").asText())).strip();
        caPem = Files.readString(Path.of(kafka.get("securedCertificateFile").asText()));
        assertThat(caPem).startsWith("-----BEGIN CERTIFICATE-----");
    }

    /** What an operator puts in a service's environment for SASL_SSL with SCRAM and a PEM CA. */
    private static Map<String, String> environment(String password) {
        Map<String, String> env = new HashMap<>();
        env.put(PREFIX + "BOOTSTRAP_SERVERS", bootstrap);
        env.put(PREFIX + "SECURITY_PROTOCOL", "SASL_SSL");
        env.put(PREFIX + "SASL_MECHANISM", "SCRAM-SHA-512");
        env.put(PREFIX + "SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        env.put(PREFIX + "SSL_TRUSTSTORE_TYPE", "PEM");
        env.put(PREFIX + "SSL_TRUSTSTORE_CERTIFICATES", caPem);
        return env;
    }

    private static Properties settings(Map<String, String> environment) {
        Properties settings = KafkaClientSettings.from(List.of(), key -> null, environment);
        settings.put("request.timeout.ms", "10000");
        settings.put("default.api.timeout.ms", "15000");
        return settings;
    }

    @Test
    void theServicesSettingsReachASaslSslBrokerForAdminProducerAndConsumer() throws Exception {
        Properties settings = settings(environment(password));
        assertThat(settings).containsEntry("security.protocol", "SASL_SSL").containsEntry("ssl.truststore.type", "PEM");
        String topic = "secured-check-" + UUID.randomUUID();
        try (Admin admin = Admin.create(settings)) {
            assertThat(admin.describeCluster().nodes().get(15, TimeUnit.SECONDS)).isNotEmpty();
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(15, TimeUnit.SECONDS);
        }

        Properties producerSettings = new Properties();
        producerSettings.putAll(settings);
        producerSettings.put(ProducerConfig.ACKS_CONFIG, "all");
        producerSettings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerSettings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerSettings)) {
            producer.send(new ProducerRecord<>(topic, "game-1", "{\"over\":\"TLS and SCRAM\"}")).get(15, TimeUnit.SECONDS);
        }

        Properties consumerSettings = new Properties();
        consumerSettings.putAll(settings);
        consumerSettings.put(ConsumerConfig.GROUP_ID_CONFIG, "secured-check-" + UUID.randomUUID());
        consumerSettings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerSettings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerSettings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerSettings)) {
            consumer.subscribe(List.of(topic));
            ConsumerRecord<String, String> record = Platform.awaitRecord(consumer, Duration.ofSeconds(30), r -> true);
            assertThat(record.key()).isEqualTo("game-1");
            assertThat(record.value()).isEqualTo("{\"over\":\"TLS and SCRAM\"}");
        }
    }

    /**
     * A Liberty server running quiz-app alone, given only the operator's variables: its readiness (a Kafka check
     * included) passes, a player's answer goes out through the connector's producer, and the decision and score come
     * back through its consumers. The password appears in none of its log lines.
     */
    @Test
    void aLibertyServerPlaysAGameThroughTheSecuredListener() throws Exception {
        Map<String, String> env = new java.util.LinkedHashMap<>(environment(password));
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        StringBuilder settings = new StringBuilder();
        env.forEach((name, value) -> settings.append(settings.length() == 0 ? "?" : "&").append(name).append('=')
                .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)));
        JsonNode alone = Platform.control("POST", "/quiz-app-alone/start" + settings).get("components").get("quiz-app-alone");
        List<Phone> phones = new java.util.ArrayList<>();
        try {
            assertThat(alone.get("state").asText()).as("ready, Kafka reached over SASL_SSL").isEqualTo("up");
            List<String> server = List.of("127.0.0.1:" + alone.get("port").asInt());
            String host = Platform.registerAndLogin(Platform.uniqueEmail("secured"), "Secured Host");
            String quizId = QuizAuthoringIT.published(host, "Secured Quiz", QuizAuthoringIT.SINGLE);
            JsonNode game = QuizAuthoringIT.send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null).json();
            String gameId = game.get("id").asText();
            JsonNode joined = GameLobbyIT.join(game.get("pin").asText(), "Sasha").json();
            Phone hostPhone = Phone.host(gameId, host, server);
            Phone player = Phone.player("sasha", gameId, joined.get("playerToken").asText(), server);
            phones.add(hostPhone);
            phones.add(player);
            assertThat(player.awaitPhase("lobby", -1, Duration.ofSeconds(30))).isTrue();

            assertThat(hostPhone.send("{\"type\":\"start\"}", Duration.ofSeconds(10))).isTrue();
            assertThat(player.awaitPhase("open", 0, Duration.ofSeconds(30))).as("the opening, read back from Kafka").isTrue();
            int from = player.sendMarked(AnswersIT.answer(0, AnswersIT.optionId(player.lastState(), "Paris")), Duration.ofSeconds(10));
            assertThat(player.awaitFrom(from, Duration.ofSeconds(30), m -> "answer-received".equals(m.path("type").asText())))
                    .as("the answer taken by the broker").isPresent();
            JsonNode score = player.awaitFrom(from, Duration.ofSeconds(60), m -> "score".equals(m.path("type").asText())
                    && m.path("questionIndex").asInt() == 0).orElseThrow(() -> new AssertionError("no score line: " + player.lastState()));
            assertThat(score.get("points").asInt()).as("decided, scored and pushed back through the listener").isPositive();
        } finally {
            phones.forEach(Phone::close);
            Platform.control("POST", "/quiz-app-alone/stop");
        }
        Path log = Path.of(alone.get("outputDir").asText(), alone.get("server").asText(), "logs", "messages.log");
        assertThat(Files.readString(log)).as("the server's log").contains("quiz").doesNotContain(password);
    }

    @Test
    void aWrongPasswordIsRefused() {
        try (Admin admin = Admin.create(settings(environment(password + "-wrong")))) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(15, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aClientWithoutTlsGetsNoAnswer() {
        Map<String, String> plain = new HashMap<>(environment(password));
        plain.put(PREFIX + "SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        Properties settings = settings(plain);
        settings.put("request.timeout.ms", "3000");
        settings.put("default.api.timeout.ms", "5000");
        try (Admin admin = Admin.create(settings)) {
            // The listener reads the plain handshake as a broken TLS record and drops the connection: no metadata ever.
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                    .isInstanceOfAny(ExecutionException.class, java.util.concurrent.TimeoutException.class);
        }
    }
}
