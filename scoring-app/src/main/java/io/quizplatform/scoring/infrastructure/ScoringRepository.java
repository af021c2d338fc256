package io.quizplatform.scoring.infrastructure;

import io.quizplatform.scoring.domain.GameRules;
import io.quizplatform.scoring.domain.PlayerRow;
import io.quizplatform.scoring.domain.ScoreStore;
import io.quizplatform.scoring.domain.StreakState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * scoring_db as scoring sees it: the games' locks and rules, players' scores, scored answers (the {@link ScoreStore}
 * port). What only the consumers write about a game is in {@link GameRepository}, the boards in {@link BoardRepository}.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ScoringRepository implements ScoreStore {

    @Inject
    EntityManager em;

    /**
     * Serialises work on one game across transactions, instances and consumers until this transaction ends. An advisory
     * lock (ADR 0003): it also orders events of a game whose row does not exist yet.
     */
    @Override
    public void lockGame(UUID gameId) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, lockKey(gameId)).getSingleResult();
    }

    /**
     * Locks these games as {@link #lockGame} does, all in one statement and in the order of their keys (so that two
     * transactions locking some of the same games wait for each other rather than deadlock).
     */
    @Override
    public void lockGames(Collection<UUID> gameIds) {
        if (gameIds.isEmpty()) {
            return;
        }
        StringBuilder keys = new StringBuilder("{");
        for (UUID gameId : gameIds) {
            keys.append(keys.length() > 1 ? "," : "").append(lockKey(gameId));
        }
        em.createNativeQuery("SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT k FROM unnest(CAST(?1 AS bigint[])) AS k "
                + "ORDER BY k) AS keys").setParameter(1, keys.append('}').toString()).getResultList();
    }

    /** The key of a game's advisory lock (also {@link FinalizationRepository#tryLockGame}). */
    static long lockKey(UUID gameId) {
        return gameId.getMostSignificantBits() ^ gameId.getLeastSignificantBits();
    }

    @Override
    public Optional<GameRules> rules(UUID gameId) {
        return Optional.ofNullable(rules(List.of(gameId)).get(gameId));
    }

    /** The rules of those of these games scoring-app knows: two queries for all of them. */
    @Override
    public Map<UUID, GameRules> rules(Collection<UUID> gameIds) {
        Map<UUID, GameRules> rules = new HashMap<>();
        if (gameIds.isEmpty()) {
            return rules;
        }
        List<UUID> ids = List.copyOf(gameIds);
        Map<UUID, List<Boolean>> counts = new HashMap<>();
        for (Object[] q : em.createQuery("SELECT q.gameId, q.counts FROM GameQuestionRecord q WHERE q.gameId IN :games "
                        + "ORDER BY q.gameId, q.questionIndex", Object[].class)
                .setParameter("games", ids).getResultList()) {
            counts.computeIfAbsent((UUID) q[0], id -> new ArrayList<>()).add((Boolean) q[1]);
        }
        for (GameRecord game : em.createQuery("SELECT g FROM GameRecord g WHERE g.gameId IN :games", GameRecord.class)
                .setParameter("games", ids).getResultList()) {
            rules.put(game.gameId(), new GameRules(game.gameId(), game.speedScoring(), game.streakBonus(),
                    List.copyOf(counts.getOrDefault(game.gameId(), List.of())), game.status()));
        }
        return rules;
    }

    @Override
    public void tallied(UUID gameId, int questionIndex, int answered, int correct, String distributionJson,
                        String textAnswersJson, Instant at) {
        // SQL (ADR 0003): distribution and text_answers are JSONB, a cast JPA cannot bind.
        // tallied_at: when scoring-app recorded it (the completion's sign of progress); closed: when the question closed
        em.createNativeQuery("UPDATE game_questions SET tallied_at = now(), answered = ?4, correct = ?5, "
                        + "distribution = CAST(?6 AS jsonb), text_answers = CAST(?7 AS jsonb), opened_at = COALESCE(opened_at, ?3) "
                        + "WHERE game_id = ?1 AND question_index = ?2")
                .setParameter(1, gameId).setParameter(2, questionIndex).setParameter(3, Timestamp.from(at))
                .setParameter(4, answered).setParameter(5, correct).setParameter(6, distributionJson)
                .setParameter(7, textAnswersJson).executeUpdate();
    }

    @Override
    public Map<String, PlayerRow> players(UUID gameId, Collection<String> playerIds) {
        return players(Map.of(gameId, playerIds)).get(gameId);
    }

    /**
     * The rows of these players of these games, those not seen yet as new rows, in one statement. SQL on the answer
     * burst's path (ADR 0003): the (game, player) pairs go in as one JSONB parameter, joined to the rows' key; JPQL's
     * {@code IN :ids} would bind one parameter per player (up to a game's 10,000), and has no pairs.
     */
    @SuppressWarnings("unchecked")
    @Override
    public Map<UUID, Map<String, PlayerRow>> players(Map<UUID, ? extends Collection<String>> playersByGame) {
        Map<UUID, Map<String, PlayerRow>> players = new HashMap<>();
        List<Map<String, String>> wanted = new ArrayList<>();
        playersByGame.forEach((gameId, ids) -> {
            players.put(gameId, new HashMap<>(ids.size() * 2));
            ids.forEach(id -> wanted.add(Map.of("game_id", gameId.toString(), "player_id", id)));
        });
        if (wanted.isEmpty()) {
            return players;
        }
        List<Object[]> rows = em.createNativeQuery("SELECT s.game_id, s.player_id, s.total, s.correct_answers, s.answered, "
                        + "s.total_response_ms, s.streak, s.streak_question, s.last_question FROM player_scores s "
                        + "JOIN jsonb_to_recordset(CAST(?1 AS jsonb)) AS w(game_id uuid, player_id varchar(64)) "
                        + "ON s.game_id = w.game_id AND s.player_id = w.player_id")
                .setParameter(1, Persistence.JSONB.toJson(wanted)).getResultList();
        for (Object[] r : rows) {
            PlayerRow p = new PlayerRow((String) r[1]);
            p.total = ((Number) r[2]).intValue();
            p.correctAnswers = ((Number) r[3]).intValue();
            p.answered = ((Number) r[4]).intValue();
            p.totalResponseMs = ((Number) r[5]).longValue();
            p.streak = new StreakState(((Number) r[6]).intValue(), ((Number) r[7]).intValue());
            p.lastQuestion = ((Number) r[8]).intValue();
            players.get(r[0] instanceof UUID id ? id : UUID.fromString(r[0].toString())).put(p.playerId, p);
        }
        playersByGame.forEach((gameId, ids) -> ids.forEach(id -> players.get(gameId).computeIfAbsent(id, PlayerRow::new)));
        return players;
    }

    @Override
    public void saveScores(UUID gameId, Collection<PlayerRow> players, List<ScoredAnswer> answers) {
        saveScores(List.of(new GameScores(gameId, players, answers)));
    }

    /**
     * Writes the players' new scores and the answers that earned them, of all these games, one statement each:
     * set-based SQL on the answer burst's path (ADR 0003), where entities would be a statement per player and per
     * answer.
     */
    @Override
    public void saveScores(List<GameScores> games) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> scored = new ArrayList<>();
        for (GameScores game : games) {
            if (game.answers().isEmpty()) {
                continue;
            }
            for (PlayerRow p : game.players()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("game_id", game.gameId().toString());
                row.put("player_id", p.playerId);
                row.put("total", p.total);
                row.put("correct_answers", p.correctAnswers);
                row.put("answered", p.answered);
                row.put("total_response_ms", p.totalResponseMs);
                row.put("streak", p.streak.length());
                row.put("streak_question", p.streak.lastQuestion());
                row.put("last_question", p.lastQuestion);
                rows.add(row);
            }
            for (ScoredAnswer a : game.answers()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("game_id", game.gameId().toString());
                row.put("question_index", a.questionIndex());
                row.put("player_id", a.playerId());
                row.put("answer_id", a.answerId().toString());
                row.put("points", a.points());
                row.put("bonus", a.bonus());
                row.put("correct", a.correct());
                row.put("response_ms", a.responseMs());
                scored.add(row);
            }
        }
        if (scored.isEmpty()) {
            return;
        }
        em.createNativeQuery("INSERT INTO player_scores (game_id, player_id, total, correct_answers, answered, total_response_ms, "
                        + "streak, streak_question, last_question) SELECT p.game_id, p.player_id, p.total, p.correct_answers, p.answered, "
                        + "p.total_response_ms, p.streak, p.streak_question, p.last_question FROM jsonb_to_recordset(CAST(?1 AS jsonb)) "
                        + "AS p(game_id uuid, player_id varchar(64), total int, correct_answers int, answered int, total_response_ms bigint, "
                        + "streak int, streak_question int, last_question int) "
                        + "ON CONFLICT (game_id, player_id) DO UPDATE SET total = EXCLUDED.total, correct_answers = EXCLUDED.correct_answers, "
                        + "answered = EXCLUDED.answered, total_response_ms = EXCLUDED.total_response_ms, streak = EXCLUDED.streak, "
                        + "streak_question = EXCLUDED.streak_question, last_question = EXCLUDED.last_question")
                .setParameter(1, Persistence.JSONB.toJson(rows)).executeUpdate();
        em.createNativeQuery("INSERT INTO scored_answers (game_id, question_index, player_id, answer_id, points, bonus, correct, "
                        + "response_ms) SELECT a.game_id, a.question_index, a.player_id, a.answer_id, a.points, a.bonus, a.correct, a.response_ms "
                        + "FROM jsonb_to_recordset(CAST(?1 AS jsonb)) AS a(game_id uuid, question_index int, player_id varchar(64), answer_id uuid, "
                        + "points int, bonus int, correct boolean, response_ms bigint)")
                .setParameter(1, Persistence.JSONB.toJson(scored)).executeUpdate();
    }

    @Override
    public boolean isScored(UUID gameId, int questionIndex, String playerId) {
        return em.find(ScoredAnswerRecord.class, new ScoredAnswerRecord.Key(gameId, questionIndex, playerId)) != null;
    }

    /** A player's scored answers in question order. */
    @Override
    public List<StoredAnswer> scoredAnswers(UUID gameId, String playerId) {
        return em.createQuery("SELECT a FROM ScoredAnswerRecord a WHERE a.gameId = :game AND a.playerId = :player "
                        + "ORDER BY a.questionIndex", ScoredAnswerRecord.class)
                .setParameter("game", gameId).setParameter("player", playerId).getResultStream()
                .map(ScoredAnswerRecord::view).toList();
    }

    /** Writes re-scored bonuses, then the player's totals as the sum of their scored answers. */
    @Override
    public void rescored(UUID gameId, String playerId, List<StoredAnswer> answers, List<Integer> bonuses, StreakState streak) {
        for (int i = 0; i < answers.size(); i++) {
            if (answers.get(i).bonus() != bonuses.get(i)) {
                em.find(ScoredAnswerRecord.class, new ScoredAnswerRecord.Key(gameId, answers.get(i).questionIndex(), playerId))
                        .rescore(bonuses.get(i));
            }
        }
        em.flush(); // the totals below are summed from the rows in the database
        // Set-based SQL (ADR 0003): the totals are aggregates of the player's scored answers, with FILTER.
        em.createNativeQuery("UPDATE player_scores p SET total = s.total, correct_answers = s.correct, answered = s.answered, "
                        + "total_response_ms = s.ms, last_question = s.last, streak = ?3, streak_question = ?4 FROM (SELECT "
                        + "COALESCE(sum(points + bonus), 0) AS total, count(*) FILTER (WHERE correct) AS correct, count(*) AS answered, "
                        + "COALESCE(sum(response_ms), 0) AS ms, COALESCE(max(question_index), -1) AS last FROM scored_answers "
                        + "WHERE game_id = ?1 AND player_id = ?2) s WHERE p.game_id = ?1 AND p.player_id = ?2")
                .setParameter(1, gameId).setParameter(2, playerId).setParameter(3, streak.length())
                .setParameter(4, streak.lastQuestion()).executeUpdate();
    }

    /** Games whose boards may be in Redis: created or ended within the last day (an abandoned game is let go). */
    @Override
    public List<UUID> recentGames() {
        Instant dayAgo = Instant.now().minus(Duration.ofDays(1));
        return em.createQuery("SELECT g.gameId FROM GameRecord g WHERE (g.status = 'PLAYING' AND g.createdAt > :dayAgo) "
                        + "OR g.endedAt > :dayAgo", UUID.class)
                .setParameter("dayAgo", dayAgo).getResultList();
    }

    /**
     * Reserves the versions of {@code count} events about the game; returns the last of them. One SQL statement
     * (ADR 0003): an atomic increment that returns its result, where JPA needs a locked read and an update.
     */
    @Override
    public long reserveEventVersions(UUID gameId, int count) {
        return ((Number) em.createNativeQuery("UPDATE games SET score_events = score_events + ?2 WHERE game_id = ?1 RETURNING score_events")
                .setParameter(1, gameId).setParameter(2, count).getSingleResult()).longValue();
    }
}
