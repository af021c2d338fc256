package io.quizplatform.scoring.infrastructure;

import io.quizplatform.platform.persistence.SqlValues;
import io.quizplatform.scoring.domain.FinalizationStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The game-completion sagas' rows (game_finalizations) and the writes of their steps: the {@link FinalizationStore} port. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class FinalizationRepository implements FinalizationStore {

    @Inject
    EntityManager em;

    /**
     * Insert-if-absent stays SQL: a redelivered game.ended or two instances starting the same saga must leave one row
     * and no error, which JPA's persist cannot promise without failing the transaction.
     */
    @Override
    public void create(UUID gameId, String firstStep) {
        em.createNativeQuery("INSERT INTO game_finalizations (game_id, step, state, next_attempt_at) VALUES (?1, ?2, 'RUNNING', now()) "
                + "ON CONFLICT DO NOTHING").setParameter(1, gameId).setParameter(2, firstStep).executeUpdate();
    }

    @Override
    public List<UUID> due(int limit) {
        return em.createQuery("SELECT f.gameId FROM GameFinalization f WHERE f.state = :running AND f.nextAttemptAt <= :now "
                        + "ORDER BY f.nextAttemptAt", UUID.class)
                .setParameter("running", GameFinalization.RUNNING).setParameter("now", Instant.now())
                .setMaxResults(limit).getResultList();
    }

    @Override
    public Optional<Saga> find(UUID gameId) {
        return Optional.ofNullable(em.find(GameFinalization.class, gameId)).map(GameFinalization::view);
    }

    /**
     * The running saga, its row locked for this transaction; empty if not running or another instance holds it.
     * SQL for the lock only: JPA has no SKIP LOCKED, and waiting for the other instance would be wasted work.
     */
    @Override
    public Optional<Saga> lockRunning(UUID gameId) {
        List<?> rows = em.createNativeQuery("SELECT * FROM game_finalizations WHERE game_id = ?1 AND state = 'RUNNING' "
                + "FOR UPDATE SKIP LOCKED", GameFinalization.class).setParameter(1, gameId).getResultList();
        return rows.stream().map(r -> ((GameFinalization) r).view()).findFirst();
    }

    private GameFinalization saga(UUID gameId) {
        GameFinalization saga = em.find(GameFinalization.class, gameId);
        if (saga == null) {
            throw new IllegalStateException("no completion saga for game " + gameId);
        }
        return saga;
    }

    @Override
    public void moveTo(UUID gameId, String step) {
        saga(gameId).moveTo(step, Instant.now());
    }

    @Override
    public void later(UUID gameId, Instant next) {
        saga(gameId).later(next);
    }

    @Override
    public void failedAttempt(UUID gameId, int attempts, String error, Instant next) {
        saga(gameId).failedAttempt(attempts, error, next, Instant.now());
    }

    /** Compensation: the saga stops and the game is finished with errors. */
    @Override
    public void giveUp(UUID gameId, String error) {
        saga(gameId).giveUp(error, Instant.now());
        gameStatus(gameId, "FINISHED_WITH_ERRORS");
    }

    @Override
    public void done(UUID gameId) {
        saga(gameId).done(Instant.now());
        gameStatus(gameId, "FINALIZED");
    }

    /** An operator's retry, one conditional statement as {@link #restartIfGaveUpAt}. */
    @Override
    public boolean restart(UUID gameId) {
        return restartWhere(gameId, null);
    }

    @Override
    public boolean restartIfGaveUpAt(UUID gameId, String step) {
        return restartWhere(gameId, step);
    }

    /**
     * A saga that gave up (at {@code step}, if given) runs again, its game ended again. One statement: a retry, a late
     * tally's restart or the driver moving the saga meanwhile is never written over (it then matches no row).
     */
    private boolean restartWhere(UUID gameId, String step) {
        Instant now = Instant.now();
        var update = em.createQuery("UPDATE GameFinalization f SET f.state = :running, f.attempts = 0, "
                        + "f.nextAttemptAt = :now, f.startedAt = :now, f.updatedAt = :now "
                        + "WHERE f.gameId = :game AND f.state = :failed" + (step == null ? "" : " AND f.step = :step"))
                .setParameter("running", GameFinalization.RUNNING).setParameter("failed", GameFinalization.FAILED)
                .setParameter("now", now).setParameter("game", gameId);
        if (step != null) {
            update.setParameter("step", step);
        }
        if (update.executeUpdate() == 0) {
            return false;
        }
        gameStatus(gameId, "ENDED");
        return true;
    }

    /** SQL (ADR 0003): an advisory lock has no JPA form. */
    @Override
    public boolean tryLockGame(UUID gameId) {
        Object locked = em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, ScoringRepository.lockKey(gameId)).getSingleResult();
        return Boolean.TRUE.equals(locked);
    }

    private void gameStatus(UUID gameId, String status) {
        em.find(GameRecord.class, gameId).status(status);
    }

    /** Questions opened but not tallied: their answers may not all be scored yet. */
    @Override
    public int questionsNotScored(UUID gameId) {
        return em.createQuery("SELECT count(q) FROM GameQuestionRecord q WHERE q.gameId = :game AND q.openedAt IS NOT NULL "
                + "AND q.talliedAt IS NULL", Long.class).setParameter("game", gameId).getSingleResult().intValue();
    }

    /** When the game's last tally was recorded (null before the first). */
    @Override
    public Instant lastTallied(UUID gameId) {
        return SqlValues.instant(em.createQuery("SELECT max(q.talliedAt) FROM GameQuestionRecord q WHERE q.gameId = :game")
                .setParameter("game", gameId).getSingleResult());
    }

    @Override
    public int questionsPlayed(UUID gameId) {
        return em.createQuery("SELECT count(q) FROM GameQuestionRecord q WHERE q.gameId = :game AND q.openedAt IS NOT NULL", Long.class)
                .setParameter("game", gameId).getSingleResult().intValue();
    }

    /**
     * Freezes each player's place (same order as every board: total, more answers, faster, player id). One set-based
     * SQL statement (ADR 0003): a window function over the board, in the board's collation.
     */
    @Override
    public void finalRanks(UUID gameId) {
        em.createNativeQuery("UPDATE player_scores p SET final_rank = b.rank FROM (SELECT player_id, row_number() OVER "
                + "(ORDER BY " + BoardRepository.ORDER + ") AS rank FROM player_scores "
                + "WHERE game_id = ?1 AND NOT kicked) b WHERE p.game_id = ?1 AND p.player_id = b.player_id")
                .setParameter(1, gameId).executeUpdate();
    }
}
