package io.quizplatform.quiz.infrastructure.eventstore;

import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.platform.outbox.Outbox;
import io.quizplatform.platform.persistence.UniqueViolation;
import io.quizplatform.quiz.domain.quiz.Quiz;
import io.quizplatform.quiz.domain.quiz.QuizEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Quizzes in the event store. Loading replays an aggregate's events in version order; saving appends the pending
 * events at the versions after the one the command was based on, and writes each to the outbox in the same
 * transaction. The unique (aggregate_id, event_version) constraint makes concurrent appends at one version end
 * with exactly one winner.
 */
@ApplicationScoped
public class QuizEventStore {

    public static final String AGGREGATE_TYPE = "quiz";

    @Inject
    EntityManager entityManager;

    @Inject
    Outbox outbox;

    /** One stored event, as the history endpoint and the replay see it. */
    public record StoredEvent(UUID eventId, String type, long version, String actorId, Instant at, String data) {
    }

    /** Another writer appended first: the command was based on a version that is no longer current. */
    public static class ConcurrentChange extends RuntimeException {
        public ConcurrentChange(String message) {
            super(message);
        }
    }

    /** A snapshot is taken once this many events have been appended since the last one. */
    static final int SNAPSHOT_EVERY = 50;

    private static final jakarta.json.bind.Jsonb JSONB = jakarta.json.bind.JsonbBuilder.create();

    public Optional<Quiz> load(UUID quizId) {
        Optional<Quiz.Snapshot> snapshot = latestSnapshot(quizId);
        long after = snapshot.map(Quiz.Snapshot::version).orElse(0L);
        List<QuizEvent> events = eventsAfter(quizId, after);
        if (snapshot.isPresent()) {
            return Optional.of(Quiz.fromSnapshot(snapshot.get(), events));
        }
        return events.isEmpty() ? Optional.empty() : Optional.of(Quiz.fromHistory(events));
    }

    @SuppressWarnings("unchecked")
    private List<QuizEvent> eventsAfter(UUID quizId, long version) {
        List<Object[]> rows = entityManager.createNativeQuery("SELECT event_type, CAST(event_data AS text) FROM event_store "
                        + "WHERE aggregate_id = ?1 AND aggregate_type = ?2 AND event_version > ?3 ORDER BY event_version")
                .setParameter(1, quizId)
                .setParameter(2, AGGREGATE_TYPE)
                .setParameter(3, version)
                .getResultList();
        return rows.stream().map(r -> QuizEventCodec.fromJson((String) r[0], (String) r[1])).toList();
    }

    @SuppressWarnings("unchecked")
    private Optional<Quiz.Snapshot> latestSnapshot(UUID quizId) {
        List<String> rows = entityManager.createNativeQuery("SELECT CAST(state AS text) FROM quiz_snapshots WHERE quiz_id = ?1 "
                        + "ORDER BY version DESC LIMIT 1")
                .setParameter(1, quizId)
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(JSONB.fromJson(rows.get(0), Quiz.Snapshot.class));
    }

    private void snapshotIfDue(Quiz quiz, long lastSnapshotVersion) {
        if (quiz.version() - lastSnapshotVersion < SNAPSHOT_EVERY) {
            return;
        }
        entityManager.createNativeQuery("INSERT INTO quiz_snapshots (quiz_id, version, state) VALUES (?1, ?2, CAST(?3 AS jsonb)) "
                        + "ON CONFLICT DO NOTHING")
                .setParameter(1, UUID.fromString(quiz.id()))
                .setParameter(2, quiz.version())
                .setParameter(3, JSONB.toJson(quiz.snapshot()))
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public List<StoredEvent> history(UUID quizId) {
        List<Object[]> rows = entityManager.createNativeQuery(
                        "SELECT event_id, event_type, event_version, actor_id, created_at, CAST(event_data AS text) "
                                + "FROM event_store WHERE aggregate_id = ?1 AND aggregate_type = ?2 ORDER BY event_version")
                .setParameter(1, quizId)
                .setParameter(2, AGGREGATE_TYPE)
                .getResultList();
        List<StoredEvent> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new StoredEvent((UUID) r[0], (String) r[1], ((Number) r[2]).longValue(), (String) r[3],
                    toInstant(r[4]), (String) r[5]));
        }
        return out;
    }

    /** Ids of every quiz, in the order their first event was appended (for replays). */
    @SuppressWarnings("unchecked")
    public List<UUID> allQuizIds() {
        return entityManager.createNativeQuery("SELECT aggregate_id FROM event_store WHERE aggregate_type = ?1 "
                        + "GROUP BY aggregate_id ORDER BY min(sequence_number)")
                .setParameter(1, AGGREGATE_TYPE)
                .getResultList();
    }

    /** Whether this command (by its idempotency key) was already applied to the quiz. */
    public boolean alreadyApplied(UUID quizId, String commandId) {
        if (commandId == null) {
            return false;
        }
        return !entityManager.createNativeQuery("SELECT 1 FROM event_store WHERE aggregate_id = ?1 AND command_id = ?2 LIMIT 1")
                .setParameter(1, quizId)
                .setParameter(2, commandId)
                .getResultList().isEmpty();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(Quiz quiz, String actorId, String commandId) {
        long version = quiz.expectedVersion();
        UUID quizId = UUID.fromString(quiz.id());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long lastSnapshot = latestSnapshotVersion(quizId);
        for (QuizEvent event : quiz.pendingEvents()) {
            version++;
            UUID eventId = UUID.randomUUID();
            String data = QuizEventCodec.toJson(event);
            try {
                entityManager.createNativeQuery("INSERT INTO event_store (event_id, aggregate_id, aggregate_type, event_type, "
                                + "event_data, event_version, actor_id, command_id, created_at) "
                                + "VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb), ?6, ?7, ?8, ?9)")
                        .setParameter(1, eventId)
                        .setParameter(2, quizId)
                        .setParameter(3, AGGREGATE_TYPE)
                        .setParameter(4, event.type())
                        .setParameter(5, data)
                        .setParameter(6, version)
                        .setParameter(7, actorId)
                        .setParameter(8, commandId)
                        .setParameter(9, java.sql.Timestamp.from(now))
                        .executeUpdate();
            } catch (PersistenceException e) {
                if (UniqueViolation.isCausedBy(e)) {
                    throw new ConcurrentChange("quiz " + quizId + " changed since version " + quiz.expectedVersion());
                }
                throw e;
            }
            outbox.append(new EventEnvelope(eventId.toString(), event.type(), AGGREGATE_TYPE, quiz.id(), version, now, data));
        }
        quiz.markCommitted();
        snapshotIfDue(quiz, lastSnapshot);
    }

    private long latestSnapshotVersion(UUID quizId) {
        List<?> rows = entityManager.createNativeQuery("SELECT max(version) FROM quiz_snapshots WHERE quiz_id = ?1")
                .setParameter(1, quizId).getResultList();
        return rows.isEmpty() || rows.get(0) == null ? 0 : ((Number) rows.get(0)).longValue();
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
