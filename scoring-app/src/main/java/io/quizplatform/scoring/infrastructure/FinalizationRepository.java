package io.quizplatform.scoring.infrastructure;

import io.quizplatform.platform.persistence.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The game-completion sagas' rows (game_finalizations) and the writes of their steps. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class FinalizationRepository {

    @Inject
    EntityManager em;

    public record Saga(UUID gameId, String step, String state, int attempts, String lastError, Instant startedAt,
                       Instant updatedAt, Instant completedAt) {
    }

    private static final String COLUMNS = "game_id, step, state, attempts, last_error, started_at, updated_at, completed_at";

    public void create(UUID gameId, String firstStep) {
        em.createNativeQuery("INSERT INTO game_finalizations (game_id, step, state, next_attempt_at) VALUES (?1, ?2, 'RUNNING', now()) "
                + "ON CONFLICT DO NOTHING").setParameter(1, gameId).setParameter(2, firstStep).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public List<UUID> due(int limit) {
        return em.createNativeQuery("SELECT game_id FROM game_finalizations WHERE state = 'RUNNING' AND next_attempt_at <= now() "
                + "ORDER BY next_attempt_at LIMIT " + limit).getResultList();
    }

    public Optional<Saga> find(UUID gameId) {
        return one("SELECT " + COLUMNS + " FROM game_finalizations WHERE game_id = ?1", gameId);
    }

    /** The running saga, its row locked for this transaction; empty if not running or another instance holds it. */
    public Optional<Saga> lockRunning(UUID gameId) {
        return one("SELECT " + COLUMNS + " FROM game_finalizations WHERE game_id = ?1 AND state = 'RUNNING' FOR UPDATE SKIP LOCKED", gameId);
    }

    @SuppressWarnings("unchecked")
    private Optional<Saga> one(String sql, UUID gameId) {
        List<Object[]> rows = em.createNativeQuery(sql).setParameter(1, gameId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        return Optional.of(new Saga((UUID) r[0], (String) r[1], (String) r[2], ((Number) r[3]).intValue(), (String) r[4],
                SqlValues.instant(r[5]), SqlValues.instant(r[6]), SqlValues.instant(r[7])));
    }

    public void moveTo(UUID gameId, String step) {
        em.createNativeQuery("UPDATE game_finalizations SET step = ?2, attempts = 0, last_error = NULL, next_attempt_at = now(), "
                + "updated_at = now() WHERE game_id = ?1").setParameter(1, gameId).setParameter(2, step).executeUpdate();
    }

    public void later(UUID gameId, Instant next) {
        em.createNativeQuery("UPDATE game_finalizations SET next_attempt_at = ?2 WHERE game_id = ?1")
                .setParameter(1, gameId).setParameter(2, Timestamp.from(next)).executeUpdate();
    }

    public void failedAttempt(UUID gameId, int attempts, String error, Instant next) {
        em.createNativeQuery("UPDATE game_finalizations SET attempts = ?2, last_error = ?3, next_attempt_at = ?4, updated_at = now() "
                        + "WHERE game_id = ?1")
                .setParameter(1, gameId).setParameter(2, attempts).setParameter(3, truncate(error))
                .setParameter(4, Timestamp.from(next)).executeUpdate();
    }

    /** Compensation: the saga stops and the game is finished with errors. */
    public void giveUp(UUID gameId, String error) {
        em.createNativeQuery("UPDATE game_finalizations SET state = 'FAILED', last_error = ?2, updated_at = now() WHERE game_id = ?1")
                .setParameter(1, gameId).setParameter(2, truncate(error)).executeUpdate();
        em.createNativeQuery("UPDATE games SET status = 'FINISHED_WITH_ERRORS' WHERE game_id = ?1").setParameter(1, gameId).executeUpdate();
    }

    public void done(UUID gameId) {
        em.createNativeQuery("UPDATE game_finalizations SET state = 'DONE', completed_at = now(), updated_at = now() WHERE game_id = ?1")
                .setParameter(1, gameId).executeUpdate();
        em.createNativeQuery("UPDATE games SET status = 'FINALIZED' WHERE game_id = ?1")
                .setParameter(1, gameId).executeUpdate();
    }

    public boolean restart(UUID gameId) {
        int restarted = em.createNativeQuery("UPDATE game_finalizations SET state = 'RUNNING', attempts = 0, next_attempt_at = now(), "
                + "started_at = now(), updated_at = now() WHERE game_id = ?1 AND state = 'FAILED'").setParameter(1, gameId).executeUpdate();
        if (restarted > 0) {
            em.createNativeQuery("UPDATE games SET status = 'ENDED' WHERE game_id = ?1").setParameter(1, gameId).executeUpdate();
        }
        return restarted > 0;
    }

    /** Questions opened but not tallied: their answers may not all be scored yet. */
    public int questionsNotScored(UUID gameId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM game_questions WHERE game_id = ?1 AND opened_at IS NOT NULL "
                + "AND tallied_at IS NULL").setParameter(1, gameId).getSingleResult()).intValue();
    }

    /** When the game's last tally was recorded (null before the first). */
    public Instant lastTallied(UUID gameId) {
        return SqlValues.instant(em.createNativeQuery("SELECT max(tallied_at) FROM game_questions WHERE game_id = ?1")
                .setParameter(1, gameId).getSingleResult());
    }

    public int questionsPlayed(UUID gameId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM game_questions WHERE game_id = ?1 AND opened_at IS NOT NULL")
                .setParameter(1, gameId).getSingleResult()).intValue();
    }

    /** Freezes each player's place (same order as every board: total, more answers, faster, player id). */
    public void finalRanks(UUID gameId) {
        em.createNativeQuery("UPDATE player_scores p SET final_rank = b.rank FROM (SELECT player_id, row_number() OVER "
                + "(ORDER BY " + ScoringRepository.ORDER + ") AS rank FROM player_scores "
                + "WHERE game_id = ?1 AND NOT kicked) b WHERE p.game_id = ?1 AND p.player_id = b.player_id")
                .setParameter(1, gameId).executeUpdate();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
