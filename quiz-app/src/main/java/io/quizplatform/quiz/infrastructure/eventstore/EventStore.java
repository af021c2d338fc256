package io.quizplatform.quiz.infrastructure.eventstore;

import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.platform.outbox.Outbox;
import io.quizplatform.platform.persistence.UniqueViolation;
import io.quizplatform.quiz.domain.StoredEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code event_store} table, for every aggregate type of quiz-app (quizzes, games). Appends go at the versions
 * after the expected one, each with its outbox row, in the caller's transaction; the unique
 * (aggregate_id, event_version) constraint makes concurrent appends at one version end with exactly one winner.
 */
@ApplicationScoped
public class EventStore {

    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    EntityManager entityManager;

    @Inject
    Outbox outbox;

    /** An event about to be appended: its type and JSON payload. */
    public record NewEvent(String type, String data) {
    }

    /**
     * Another writer appended first: the command was based on a version that is no longer current. The caller retries
     * or answers 412: no FFDC incident for it (the mark is why this subclass of the domain's exception exists).
     */
    @io.quizplatform.platform.persistence.ReportedByCaller
    public static class ConcurrentChange extends io.quizplatform.quiz.domain.ConcurrentChange {
        public ConcurrentChange(String message) {
            super(message);
        }
    }

    /** Transactional so it also works on threads without one (WebSocket, timers). */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<StoredEvent> read(String aggregateType, UUID aggregateId, long afterVersion) {
        List<Object[]> rows = entityManager.createNativeQuery(
                        "SELECT event_id, event_type, event_version, actor_id, created_at, CAST(event_data AS text) "
                                + "FROM event_store WHERE aggregate_id = ?1 AND aggregate_type = ?2 AND event_version > ?3 "
                                + "ORDER BY event_version")
                .setParameter(1, aggregateId)
                .setParameter(2, aggregateType)
                .setParameter(3, afterVersion)
                .getResultList();
        List<StoredEvent> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new StoredEvent((UUID) r[0], (String) r[1], ((Number) r[2]).longValue(), (String) r[3],
                    toInstant(r[4]), (String) r[5]));
        }
        return out;
    }

    /**
     * The current version of each of these aggregates, in one query however many there are (ids without events are
     * left out). Transactional so it also works on threads without one (timers).
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public java.util.Map<UUID, Long> versions(String aggregateType, java.util.Collection<UUID> aggregateIds) {
        java.util.Map<UUID, Long> out = new java.util.HashMap<>();
        if (aggregateIds.isEmpty()) {
            return out;
        }
        // An array literal of UUIDs (their own text, nothing else), cast by the database.
        String ids = aggregateIds.stream().map(UUID::toString).collect(java.util.stream.Collectors.joining(",", "{", "}"));
        List<Object[]> rows = entityManager.createNativeQuery("SELECT aggregate_id, max(event_version) FROM event_store "
                        + "WHERE aggregate_id = ANY (CAST(?1 AS uuid[])) AND aggregate_type = ?2 GROUP BY aggregate_id")
                .setParameter(1, ids)
                .setParameter(2, aggregateType)
                .getResultList();
        for (Object[] r : rows) {
            out.put((UUID) r[0], ((Number) r[1]).longValue());
        }
        return out;
    }

    /** Ids of every aggregate of a type, in the order their first event was appended. */
    @SuppressWarnings("unchecked")
    public List<UUID> aggregateIds(String aggregateType) {
        return entityManager.createNativeQuery("SELECT aggregate_id FROM event_store WHERE aggregate_type = ?1 "
                        + "GROUP BY aggregate_id ORDER BY min(sequence_number)")
                .setParameter(1, aggregateType)
                .getResultList();
    }

    public boolean alreadyApplied(UUID aggregateId, String commandId) {
        if (commandId == null) {
            return false;
        }
        return !entityManager.createNativeQuery("SELECT 1 FROM event_store WHERE aggregate_id = ?1 AND command_id = ?2 LIMIT 1")
                .setParameter(1, aggregateId)
                .setParameter(2, commandId)
                .getResultList().isEmpty();
    }

    /**
     * Appends the command's events, and their outbox rows, in one statement each: one round trip per event took
     * most of a group of joins' commit (26 groups of ~385 joins in 46.6 s at 500 joins a second, 2026-12-04).
     * Versions and ids follow the list's order; a concurrent append fails the whole statement.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String aggregateType, UUID aggregateId, long expectedVersion, List<NewEvent> events,
                       String actorId, String commandId, Instant at) {
        if (events.isEmpty()) {
            return;
        }
        JsonArrayBuilder rows = JSON.createArrayBuilder();
        List<EventEnvelope> envelopes = new ArrayList<>(events.size());
        long version = expectedVersion;
        for (NewEvent event : events) {
            version++;
            UUID eventId = UUID.randomUUID();
            rows.add(JSON.createObjectBuilder().add("event_id", eventId.toString()).add("event_type", event.type())
                    .add("event_data", event.data()).add("event_version", version));
            envelopes.add(new EventEnvelope(eventId.toString(), event.type(), aggregateType, aggregateId.toString(),
                    version, at, event.data()));
        }
        try {
            entityManager.createNativeQuery("INSERT INTO event_store (event_id, aggregate_id, aggregate_type, event_type, "
                            + "event_data, event_version, actor_id, command_id, created_at) "
                            + "SELECT CAST(r.row->>'event_id' AS uuid), CAST(?2 AS uuid), CAST(?3 AS varchar), r.row->>'event_type', "
                            + "CAST(r.row->>'event_data' AS jsonb), CAST(r.row->>'event_version' AS bigint), CAST(?4 AS varchar), "
                            + "CAST(?5 AS varchar), CAST(?6 AS timestamptz) "
                            + "FROM jsonb_array_elements(CAST(?1 AS jsonb)) WITH ORDINALITY AS r(row, position) ORDER BY r.position")
                    .setParameter(1, rows.build().toString())
                    .setParameter(2, aggregateId)
                    .setParameter(3, aggregateType)
                    .setParameter(4, actorId)
                    .setParameter(5, commandId)
                    .setParameter(6, java.sql.Timestamp.from(at))
                    .executeUpdate();
        } catch (PersistenceException e) {
            // The unique (aggregate_id, event_version) refusing it: another writer appended first.
            if (UniqueViolation.isCausedBy(e)) {
                throw new ConcurrentChange(aggregateType + " " + aggregateId + " changed since version " + expectedVersion);
            }
            throw e;
        }
        outbox.appendAll(envelopes);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return Instant.parse(value.toString());
    }
}
