package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.platform.outbox.Outbox;
import io.quizplatform.platform.tracing.Traced;
import io.quizplatform.platform.tracing.Tracing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.kafka.common.header.Headers;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Applies an event at most once per consumer: the processed-event row and the handlers' effects commit in one
 * transaction, so a redelivered event finds its row and changes nothing.
 */
@ApplicationScoped
public class ProcessedEvents {

    @Inject
    EntityManager entityManager;

    @Inject
    Outbox outbox;

    @Inject
    Tracing tracing;

    /** @return true if applied now, false if this consumer had already applied the event */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @io.quizplatform.platform.persistence.ReportedByCaller
    public boolean applyOnce(String consumer, String topic, EventEnvelope event, Headers trace, List<EventHandler> handlers) {
        boolean applied = apply(consumer, topic, event, trace, handlers);
        handlers.forEach(EventHandler::endOfBatch);
        return applied;
    }

    /**
     * Several events in order, in one transaction: all applied (each at most once) or none. Their processed-event
     * rows are inserted in one statement, which also says which of them were new, and the events the handlers append
     * to the outbox are written together at the end. Each event's handlers run in a span of its own, child of the
     * span that sent it ({@code traces}: the records' headers, null when tracing is off), so what they append to the
     * outbox continues the event's trace.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @io.quizplatform.platform.persistence.ReportedByCaller
    @SuppressWarnings("unchecked")
    public int applyAllOnce(String consumer, String topic, List<EventEnvelope> events, List<Headers> traces,
                            List<EventHandler> handlers) {
        StringBuilder rows = new StringBuilder("[");
        for (EventEnvelope event : events) {
            if (rows.length() > 1) {
                rows.append(',');
            }
            rows.append("{\"id\":\"").append(UUID.fromString(event.id())).append("\",\"type\":")
                    .append(EventCodec.payloadToJson(event.type())).append('}');
        }
        rows.append(']');
        List<Object> inserted = entityManager.createNativeQuery(
                        "INSERT INTO processed_events (consumer, event_id, event_type, topic) "
                                + "SELECT DISTINCT ON (e.id) ?1, e.id, e.type, ?3 FROM jsonb_to_recordset(CAST(?2 AS jsonb)) AS e(id uuid, type text) "
                                + "ON CONFLICT DO NOTHING RETURNING event_id")
                .setParameter(1, consumer)
                .setParameter(2, rows.toString())
                .setParameter(3, topic)
                .getResultList();
        Set<UUID> fresh = new HashSet<>();
        inserted.forEach(id -> fresh.add(id instanceof UUID u ? u : UUID.fromString(id.toString())));
        outbox.collectAppends();
        // The events to apply, in order: each new one once (the same event twice in one batch is applied once).
        List<Integer> toApply = new ArrayList<>(fresh.size());
        for (int i = 0; i < events.size(); i++) {
            if (fresh.remove(UUID.fromString(events.get(i).id()))) {
                toApply.add(i);
            }
        }
        List<EventEnvelope> applying = toApply.stream().map(events::get).toList();
        for (EventHandler handler : handlers) {
            List<EventEnvelope> wanted = applying.stream().filter(e -> handler.handles(e.type())).toList();
            if (!wanted.isEmpty()) {
                handler.startOfBatch(wanted);
            }
        }
        for (int i : toApply) {
            applyHandlers(consumer, topic, events.get(i), traces == null ? null : traces.get(i), handlers);
        }
        int applied = toApply.size();
        handlers.forEach(EventHandler::endOfBatch);
        outbox.writeCollected();
        return applied;
    }

    /**
     * Takes back this consumer's mark of an event it had taken in without applying it (it waited for its aggregate)
     * and now parks instead, in the caller's transaction: a replay from the dead-letter topic then applies it rather
     * than report {@code duplicate} and change nothing. SQL (ADR 0003): the marks have no entity.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void unmark(String consumer, String eventId) {
        entityManager.createNativeQuery("DELETE FROM processed_events WHERE consumer = ?1 AND event_id = ?2")
                .setParameter(1, consumer)
                .setParameter(2, UUID.fromString(eventId))
                .executeUpdate();
    }

    /**
     * Drops up to {@code limit} marks of the given topics made before {@code cutoff}, in a transaction of its own (a
     * purge never holds locks for long); returns how many. SQL (ADR 0003): a bounded delete has no JPA form, and the
     * marks have no entity.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int dropBefore(Instant cutoff, Collection<String> topics, int limit) {
        return entityManager.createNativeQuery("DELETE FROM processed_events p USING (SELECT consumer, event_id "
                        + "FROM processed_events WHERE processed_at < ?1 AND topic = ANY(CAST(?2 AS text[])) LIMIT ?3) old "
                        + "WHERE p.consumer = old.consumer AND p.event_id = old.event_id")
                .setParameter(1, Timestamp.from(cutoff))
                .setParameter(2, "{" + String.join(",", topics) + "}")
                .setParameter(3, limit)
                .executeUpdate();
    }

    private boolean apply(String consumer, String topic, EventEnvelope event, Headers trace, List<EventHandler> handlers) {
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
                handler.startOfBatch(List.of(event));
            }
        }
        applyHandlers(consumer, topic, event, trace, handlers);
        return true;
    }

    private void applyHandlers(String consumer, String topic, EventEnvelope event, Headers trace, List<EventHandler> handlers) {
        try (Traced span = tracing.receiving("process", consumer, topic, event.type(), event.id(), trace)) {
            try {
                for (EventHandler handler : handlers) {
                    if (handler.handles(event.type())) {
                        handler.apply(event);
                    }
                }
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            }
        }
    }
}
