package io.quizplatform.platform.messaging;

import org.apache.kafka.clients.producer.KafkaProducer;

import java.time.Duration;

/** One producer per purpose, created on first use (a service that never sends opens no connection) and closed with its bean. */
final class LazyProducer {

    private final KafkaClients clients;
    private final String purpose;
    private volatile KafkaProducer<String, String> producer;

    LazyProducer(KafkaClients clients, String purpose) {
        this.clients = clients;
        this.purpose = purpose;
    }

    KafkaProducer<String, String> get() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = clients.newProducer(purpose);
                }
            }
        }
        return producer;
    }

    void close() {
        KafkaProducer<String, String> p = producer;
        producer = null;
        if (p != null) {
            p.close(Duration.ofSeconds(2));
        }
    }
}
