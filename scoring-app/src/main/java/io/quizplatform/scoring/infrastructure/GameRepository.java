package io.quizplatform.scoring.infrastructure;

import io.quizplatform.platform.persistence.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What scoring-app's consumers record of a game from quiz-events, and nothing else writes: the game and its questions
 * as created, players joined and kicked, questions opened, the end, and answer-events that arrived before the game
 * was created (waiting for it). Every method runs in the consumer's transaction, under the game's lock where the
 * order matters ({@link ScoringRepository#lockGame}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class GameRepository {

    @Inject
    EntityManager em;

    public record NewQuestion(String type, String text, int points, int timeLimitSeconds, boolean counts, String optionsJson) {
    }

    /**
     * Insert-if-absent in SQL (ADR 0003): a redelivered game.created must change nothing and fail nothing; the
     * questions' options are JSONB, a cast JPA cannot bind.
     *
     * @return false if the game was known already
     */
    public boolean createGame(UUID gameId, String hostId, String quizId, boolean speedScoring, boolean streakBonus,
                              Instant createdAt, List<NewQuestion> questions) {
        int created = em.createNativeQuery("INSERT INTO games (game_id, host_id, quiz_id, speed_scoring, streak_bonus, "
                        + "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING")
                .setParameter(1, gameId).setParameter(2, hostId).setParameter(3, quizId).setParameter(4, speedScoring)
                .setParameter(5, streakBonus).setParameter(6, Timestamp.from(createdAt))
                .executeUpdate();
        if (created == 0) {
            return false;
        }
        for (int i = 0; i < questions.size(); i++) {
            NewQuestion q = questions.get(i);
            em.createNativeQuery("INSERT INTO game_questions (game_id, question_index, question_type, question_text, points, "
                            + "time_limit_seconds, counts, options) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CAST(?8 AS jsonb))")
                    .setParameter(1, gameId).setParameter(2, i).setParameter(3, q.type()).setParameter(4, q.text())
                    .setParameter(5, q.points()).setParameter(6, q.timeLimitSeconds()).setParameter(7, q.counts())
                    .setParameter(8, q.optionsJson())
                    .executeUpdate();
        }
        return true;
    }

    /**
     * Players who joined (game → player id → nickname), one upsert for all of them, whatever their games (ADR 0003):
     * the join and the player's first scores race to create the row.
     */
    public void joined(Map<UUID, Map<String, String>> nicknamesByGame) {
        List<Map<String, String>> rows = new ArrayList<>();
        nicknamesByGame.forEach((gameId, nicknames) -> nicknames.forEach((player, nickname) -> {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("game_id", gameId.toString());
            row.put("player_id", player);
            row.put("nickname", nickname);
            rows.add(row);
        }));
        if (rows.isEmpty()) {
            return;
        }
        em.createNativeQuery("INSERT INTO player_scores (game_id, player_id, nickname) SELECT p.game_id, p.player_id, p.nickname "
                        + "FROM jsonb_to_recordset(CAST(?1 AS jsonb)) AS p(game_id uuid, player_id varchar(64), nickname text) "
                        + "ON CONFLICT (game_id, player_id) DO UPDATE SET nickname = EXCLUDED.nickname")
                .setParameter(1, Persistence.JSONB.toJson(rows)).executeUpdate();
    }

    /** An upsert in SQL (ADR 0003), as {@link #joined}. */
    public void kicked(UUID gameId, String playerId) {
        em.createNativeQuery("INSERT INTO player_scores (game_id, player_id, kicked) VALUES (?1, ?2, true) "
                        + "ON CONFLICT (game_id, player_id) DO UPDATE SET kicked = true")
                .setParameter(1, gameId).setParameter(2, playerId).executeUpdate();
    }

    public void opened(UUID gameId, int questionIndex, Instant at) {
        // locked, as the tally's SQL update may set it at the same time: the first time recorded stays
        GameQuestionRecord question = em.find(GameQuestionRecord.class, new GameQuestionRecord.Key(gameId, questionIndex),
                LockModeType.PESSIMISTIC_WRITE);
        if (question != null) {
            question.opened(at);
        }
    }

    /** @return whether this was news (a repeated end changes nothing) */
    public boolean ended(UUID gameId, String reason, Instant at) {
        // locked: a redelivery on another instance must not start the game's completion twice
        GameRecord game = em.find(GameRecord.class, gameId, LockModeType.PESSIMISTIC_WRITE);
        return game != null && game.end(reason, at);
    }

    /** How many events wait for their game's creation, and since when the oldest has (null when none). */
    public record Waiting(long events, Instant oldestSince) {
    }

    /** For the gauges ({@link WaitingEventsGauge}): a read of its own, outside any consumer's transaction. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Waiting waiting() {
        Object[] row = (Object[]) em.createQuery("SELECT count(w), min(w.waitedAt) FROM WaitingEventRecord w").getSingleResult();
        return new Waiting(((Number) row[0]).longValue(), SqlValues.instant(row[1]));
    }

    /**
     * Drops the events that have waited since before {@code before} (their game's creation can no longer come: see
     * {@link WaitingEventsExpiry}); a transaction of its own.
     *
     * @return how many were dropped, by game
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Map<UUID, Long> expireWaiting(Instant before) {
        // SQL (ADR 0003): one statement says what it deleted, so two instances looking at once never both count a row.
        @SuppressWarnings("unchecked")
        List<Object> games = em.createNativeQuery("DELETE FROM waiting_events WHERE waited_at < ?1 RETURNING game_id")
                .setParameter(1, Timestamp.from(before)).getResultList();
        Map<UUID, Long> byGame = new LinkedHashMap<>();
        games.forEach(game -> byGame.merge(game instanceof UUID id ? id : UUID.fromString(game.toString()), 1L, Long::sum));
        return byGame;
    }

    public void waitForGame(UUID gameId, String envelopeJson) {
        em.persist(new WaitingEventRecord(gameId, envelopeJson));
    }

    /**
     * The events that waited for the game, in arrival order; removed. Both statements run under the game's lock
     * ({@link ScoringRepository#lockGame}), as every {@link #waitForGame} does, so no event arrives between them.
     */
    public List<String> takeWaiting(UUID gameId) {
        List<String> waiting = em.createQuery("SELECT w.envelope FROM WaitingEventRecord w WHERE w.gameId = :game ORDER BY w.seq",
                        String.class)
                .setParameter("game", gameId).getResultList();
        if (!waiting.isEmpty()) {
            em.createQuery("DELETE FROM WaitingEventRecord w WHERE w.gameId = :game").setParameter("game", gameId).executeUpdate();
        }
        return waiting;
    }
}
