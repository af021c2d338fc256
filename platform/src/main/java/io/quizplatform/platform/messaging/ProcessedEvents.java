package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * Applies an event at most once per consumer: the processed-event row and the handlers' effects commit in one
 * transaction, so a redelivered event finds its row and changes nothing.
 */
@ApplicationScoped
public class ProcessedEvents {

    @Inject
    EntityManager entityManager;

    /** @return true if applied now, false if this consumer had already applied the event */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean applyOnce(String consumer, String topic, EventEnvelope event, List<EventHandler> handlers) {
        return apply(consumer, topic, event, handlers);
    }

    /** Several events in order, in one transaction: all applied (each at most once) or none. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int applyAllOnce(String consumer, String topic, List<EventEnvelope> events, List<EventHandler> handlers) {
        int applied = 0;
        for (EventEnvelope event : events) {
            if (apply(consumer, topic, event, handlers)) {
                applied++;
            }
        }
        return applied;
    }

    private boolean apply(String consumer, String topic, EventEnvelope event, List<EventHandler> handlers) {
        int inserted = entityManager.createNativeQuery(
                        "INSERT INTO processed_events (consumer, event_id, event_type, topic) VALUES (?1, ?2, ?3, ?4) "
                                + "ON CONFLICT DO NOTHING")
                .setParameter(1, consumer)
                .setParameter(2, UUID.fromString(event.id()))
                .setParameter(3, event.type())
                .setParameter(4, topic)
                .executeUpdate();
        if (inserted == 0) {
            return false;
        }
        for (EventHandler handler : handlers) {
            if (handler.handles(event.type())) {
                handler.apply(event);
            }
        }
        return true;
    }
}
