package io.quizplatform.quiz.infrastructure.eventstore;

import io.quizplatform.quiz.domain.StoredEvent;
import io.quizplatform.quiz.domain.quiz.Quiz;
import io.quizplatform.quiz.domain.quiz.QuizEvent;
import io.quizplatform.quiz.domain.quiz.QuizEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Quizzes in the event store: loading takes the newest snapshot and replays the events after it; saving appends
 * the pending events (with their outbox rows) and takes a snapshot every {@value #SNAPSHOT_EVERY} events.
 */
@ApplicationScoped
public class QuizEventStore implements QuizEvents {

    public static final String AGGREGATE_TYPE = "quiz";

    /** A snapshot is taken once this many events have been appended since the last one. */
    static final int SNAPSHOT_EVERY = 50;

    private static final jakarta.json.bind.Jsonb JSONB = jakarta.json.bind.JsonbBuilder.create();

    @Inject
    EntityManager entityManager;

    @Inject
    EventStore events;

    @Override
    public Optional<Quiz> load(UUID quizId) {
        Optional<Quiz.Snapshot> snapshot = latestSnapshot(quizId);
        long after = snapshot.map(Quiz.Snapshot::version).orElse(0L);
        List<QuizEvent> later = events.read(AGGREGATE_TYPE, quizId, after).stream()
                .map(e -> QuizEventCodec.fromJson(e.type(), e.data())).toList();
        if (snapshot.isPresent()) {
            return Optional.of(Quiz.fromSnapshot(snapshot.get(), later));
        }
        return later.isEmpty() ? Optional.empty() : Optional.of(Quiz.fromHistory(later));
    }

    @Override
    public List<StoredEvent> history(UUID quizId) {
        return events.read(AGGREGATE_TYPE, quizId, 0);
    }

    @Override
    public List<UUID> allQuizIds() {
        return events.aggregateIds(AGGREGATE_TYPE);
    }

    @Override
    public boolean alreadyApplied(UUID quizId, String commandId) {
        return events.alreadyApplied(quizId, commandId);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(Quiz quiz, String actorId, String commandId) {
        UUID quizId = UUID.fromString(quiz.id());
        long lastSnapshot = latestSnapshotVersion(quizId);
        events.append(AGGREGATE_TYPE, quizId, quiz.expectedVersion(),
                quiz.pendingEvents().stream().map(e -> new EventStore.NewEvent(e.type(), QuizEventCodec.toJson(e))).toList(),
                actorId, commandId, Instant.now().truncatedTo(ChronoUnit.MICROS));
        quiz.markCommitted();
        snapshotIfDue(quiz, lastSnapshot);
    }

    @SuppressWarnings("unchecked")
    private Optional<Quiz.Snapshot> latestSnapshot(UUID quizId) {
        List<String> rows = entityManager.createNativeQuery("SELECT CAST(state AS text) FROM quiz_snapshots WHERE quiz_id = ?1 "
                        + "ORDER BY version DESC LIMIT 1")
                .setParameter(1, quizId)
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(JSONB.fromJson(rows.get(0), Quiz.Snapshot.class));
    }

    private long latestSnapshotVersion(UUID quizId) {
        List<?> rows = entityManager.createNativeQuery("SELECT max(version) FROM quiz_snapshots WHERE quiz_id = ?1")
                .setParameter(1, quizId).getResultList();
        return rows.isEmpty() || rows.get(0) == null ? 0 : ((Number) rows.get(0)).longValue();
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
}
