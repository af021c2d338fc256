package io.quizplatform.platform.outbox;

import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.platform.messaging.EventCodec;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.quizplatform.platform.persistence.AfterCommit;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * Where a use case puts the events that announce its change. The row is written in the caller's transaction, so
 * the change and its event commit together or not at all; the relay sends it to Kafka after the commit.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EntityManager entityManager;

    @Inject
    OutboxRelay relay;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(EventEnvelope event) {
        String topic = EventTypes.topicOf(event.type()).topicName();
        entityManager.persist(new OutboxMessage(UUID.fromString(event.id()), topic, event.aggregateId(), event.type(),
                EventCodec.encode(event), event.occurredAt()));
        // Wake the relay as soon as the row is visible instead of waiting for its next poll.
        AfterCommit.run(transactions, () -> relay.wakeUp());
    }
}
