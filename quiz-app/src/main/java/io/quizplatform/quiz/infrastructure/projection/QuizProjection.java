package io.quizplatform.quiz.infrastructure.projection;

import io.quizplatform.quiz.application.QuizSummary;
import io.quizplatform.quiz.domain.quiz.Quiz;
import io.quizplatform.quiz.domain.quiz.QuizCatalogue;
import io.quizplatform.quiz.domain.quiz.QuizDetail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The quiz read model (list and detail), updated in the transaction that appends the events, so a host reads
 * their own write. It holds nothing the event store doesn't: {@link #rebuildFrom} replays it from scratch.
 */
@ApplicationScoped
public class QuizProjection implements QuizCatalogue {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Inject
    EntityManager entityManager;

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void project(Quiz quiz) {
        entityManager.createNativeQuery("INSERT INTO quiz_view (quiz_id, owner_id, title, status, question_count, version, detail, updated_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, CAST(?7 AS jsonb), now()) "
                        + "ON CONFLICT (quiz_id) DO UPDATE SET owner_id = EXCLUDED.owner_id, title = EXCLUDED.title, "
                        + "status = EXCLUDED.status, question_count = EXCLUDED.question_count, version = EXCLUDED.version, "
                        + "detail = EXCLUDED.detail, updated_at = EXCLUDED.updated_at "
                        + "WHERE quiz_view.version < EXCLUDED.version")
                .setParameter(1, UUID.fromString(quiz.id()))
                .setParameter(2, quiz.ownerId())
                .setParameter(3, quiz.title())
                .setParameter(4, quiz.status().name().toLowerCase())
                .setParameter(5, quiz.questions().size())
                .setParameter(6, quiz.version())
                .setParameter(7, JSONB.toJson(QuizDetail.of(quiz)))
                .executeUpdate();
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void clear() {
        entityManager.createNativeQuery("DELETE FROM quiz_view").executeUpdate();
    }

    @Transactional
    @Override
    public Optional<QuizDetail> detail(UUID quizId) {
        List<?> rows = entityManager.createNativeQuery("SELECT CAST(detail AS text) FROM quiz_view WHERE quiz_id = ?1")
                .setParameter(1, quizId).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(JSONB.fromJson((String) rows.get(0), QuizDetail.class));
    }

    /** A page of quizzes, newest change first; {@code ownerId} null means every published quiz. */
    @SuppressWarnings("unchecked")
    public List<QuizSummary> list(String ownerId, String titleContains, int page, int size) {
        StringBuilder sql = new StringBuilder("SELECT quiz_id, owner_id, title, status, question_count, version, updated_at FROM quiz_view WHERE ");
        sql.append(ownerId != null ? "owner_id = ?1" : "status = 'published'");
        if (titleContains != null && !titleContains.isBlank()) {
            sql.append(" AND title ILIKE ?2 ESCAPE '\\'");
        }
        sql.append(" ORDER BY updated_at DESC, quiz_id LIMIT ?3 OFFSET ?4");
        var query = entityManager.createNativeQuery(sql.toString());
        if (ownerId != null) {
            query.setParameter(1, ownerId);
        }
        if (titleContains != null && !titleContains.isBlank()) {
            query.setParameter(2, "%" + titleContains.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        // In long: page 21474837 of 100 wraps around in int, to an offset PostgreSQL refuses.
        List<Object[]> rows = query.setParameter(3, size).setParameter(4, (long) page * size).getResultList();
        List<QuizSummary> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new QuizSummary(r[0].toString(), (String) r[1], (String) r[2], (String) r[3], ((Number) r[4]).intValue(),
                    ((Number) r[5]).longValue(), r[6] instanceof java.sql.Timestamp t ? t.toInstant() : Instant.parse(r[6].toString())));
        }
        return out;
    }

    /** The whole read model as text, ordered: what the rebuild test compares. */
    @SuppressWarnings("unchecked")
    public List<String> snapshot() {
        return entityManager.createNativeQuery("SELECT quiz_id || '|' || owner_id || '|' || title || '|' || status || '|' "
                + "|| question_count || '|' || version || '|' || CAST(detail AS text) FROM quiz_view ORDER BY quiz_id").getResultList();
    }
}
