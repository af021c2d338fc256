package io.quizplatform.localstack;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigFilesTest {

    @Test
    void kafkaServerPropertiesDescribeASingleNodeKraftCluster() throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(KafkaComponent.serverProperties(29092, 29093, Path.of("/w/kafka/data"),
                Path.of("/w/kafka/tls/broker.p12"), "store-secret")));

        assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(p.getProperty("node.id")).isEqualTo("1");
        assertThat(p.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:29093");
        assertThat(p.getProperty("listeners"))
                .isEqualTo("PLAINTEXT://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093,SECURED://127.0.0.1:29094");
        assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:29092,SECURED://127.0.0.1:29094");
        assertThat(p.getProperty("controller.listener.names")).isEqualTo("CONTROLLER");
        assertThat(p.getProperty("inter.broker.listener.name")).isEqualTo("PLAINTEXT");
        assertThat(p.getProperty("listener.security.protocol.map"))
                .isEqualTo("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SECURED:SASL_SSL");
        assertThat(p.getProperty("listener.name.secured.sasl.enabled.mechanisms")).isEqualTo("SCRAM-SHA-512");
        assertThat(p.getProperty("listener.name.secured.ssl.keystore.location")).isEqualTo("/w/kafka/tls/broker.p12");
        assertThat(p.getProperty("listener.name.secured.ssl.keystore.password")).isEqualTo("store-secret");
        assertThat(p.getProperty("log.dirs")).isEqualTo(Path.of("/w/kafka/data").toString());
        assertThat(p.getProperty("auto.create.topics.enable")).isEqualTo("false");
        assertThat(p.getProperty("num.partitions")).isEqualTo("1");
        assertThat(p.getProperty("group.initial.rebalance.delay.ms")).isEqualTo("0");
        for (String key : new String[] {"offsets.topic.replication.factor", "transaction.state.log.replication.factor",
                "transaction.state.log.min.isr", "share.coordinator.state.topic.replication.factor",
                "share.coordinator.state.topic.min.isr"}) {
            assertThat(p.getProperty(key)).as(key).isEqualTo("1");
        }
    }

    @Test
    void kafkaLoggingIsQuietButKeepsTheStartedLine() {
        String xml = KafkaComponent.log4j2Config();

        assertThat(xml).contains("<Root level=\"WARN\">")
                .contains("<Logger name=\"kafka.server.KafkaRaftServer\" level=\"INFO\"/>")
                .contains("<Logger name=\"kafka.server.KafkaServer\" level=\"INFO\"/>");
    }

    @Test
    void redisConfigHasNoPersistenceAndBindsLoopback() {
        String conf = RedisComponent.config(26379, Path.of("/w/redis"));

        assertThat(conf.lines()).contains("bind 127.0.0.1", "port 26379", "save \"\"", "appendonly no",
                "daemonize no", "dir " + Path.of("/w/redis"));
    }

    @Test
    void generatedPasswordsAreAlphanumericAndRandom() {
        String a = PostgresComponent.randomPassword(24);
        String b = PostgresComponent.randomPassword(24);

        assertThat(a).hasSize(24).matches("[A-Za-z0-9]+");
        assertThat(a).isNotEqualTo(b);
    }
}
