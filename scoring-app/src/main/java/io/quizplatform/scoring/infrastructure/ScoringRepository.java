package io.quizplatform.scoring.infrastructure;

import io.quizplatform.contracts.Standing;
import io.quizplatform.scoring.domain.BoardRow;
import io.quizplatform.scoring.domain.GameRules;
import io.quizplatform.scoring.domain.PlayerRow;
import io.quizplatform.scoring.domain.ScoreStore;
import io.quizplatform.scoring.domain.StreakState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
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
 * scoring_db: games as scoring-app sees them, players' scores, scored answers, waiting events. The {@link ScoreStore}
 * port, and what only the consumers write (games created, joins, kicks, openings, ends, events waiting for their game).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ScoringRepository implements ScoreStore {

    static final Jsonb JSONB = JsonbBuilder.create();

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

    private static long lockKey(UUID gameId) {
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
                .setParameter(1, JSONB.toJson(rows)).executeUpdate();
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
                .setParameter(1, JSONB.toJson(wanted)).getResultList();
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
                .setParameter(1, JSONB.toJson(rows)).executeUpdate();
        em.createNativeQuery("INSERT INTO scored_answers (game_id, question_index, player_id, answer_id, points, bonus, correct, "
                        + "response_ms) SELECT a.game_id, a.question_index, a.player_id, a.answer_id, a.points, a.bonus, a.correct, a.response_ms "
                        + "FROM jsonb_to_recordset(CAST(?1 AS jsonb)) AS a(game_id uuid, question_index int, player_id varchar(64), answer_id uuid, "
                        + "points int, bonus int, correct boolean, response_ms bigint)")
                .setParameter(1, JSONB.toJson(scored)).executeUpdate();
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

    /**
     * The board after a question: every player still in the game, best first (the order of {@code Ranking}). SQL
     * (ADR 0003): the order sorts player ids in the "C" collation, as {@code Ranking} does.
     */
    @SuppressWarnings("unchecked")
    @Override
    public List<BoardRow> board(UUID gameId, int questionIndex) {
        List<Object[]> rows = em.createNativeQuery("SELECT p.player_id, p.nickname, p.total, p.correct_answers, p.total_response_ms, "
                        + "p.streak, p.streak_question, s.player_id IS NOT NULL, COALESCE(s.points, 0), COALESCE(s.bonus, 0), s.correct, "
                        + "p.answered "
                        + "FROM player_scores p LEFT JOIN scored_answers s ON s.game_id = p.game_id AND s.player_id = p.player_id "
                        + "AND s.question_index = ?2 WHERE p.game_id = ?1 AND NOT p.kicked "
                        + "ORDER BY p.total DESC, p.answered DESC, p.total_response_ms, p.player_id COLLATE \"C\"")
                .setParameter(1, gameId).setParameter(2, questionIndex).getResultList();
        List<BoardRow> board = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            board.add(new BoardRow((String) r[0], (String) r[1], ((Number) r[2]).intValue(), ((Number) r[3]).intValue(),
                    ((Number) r[11]).intValue(), ((Number) r[4]).longValue(), new StreakState(((Number) r[5]).intValue(), ((Number) r[6]).intValue()),
                    (Boolean) r[7], ((Number) r[8]).intValue(), ((Number) r[9]).intValue(), (Boolean) r[10]));
        }
        return board;
    }

    /**
     * The board as of the game's last tallied question: what players were shown. Points of a question still open
     * (its answers scored, its tally not in) are left out, so reading a board mid-question never tells anyone which
     * answers were right before the question closes.
     */
    /**
     * The order of every board, as {@code Ranking.ORDER} says: total, then more answers given, then the faster total
     * response time, then the player id.
     */
    public static final String ORDER = "total DESC, answered DESC, total_response_ms, player_id COLLATE \"C\"";

    private static final String BOARD_AS_TALLIED = "WITH untallied AS (SELECT s.player_id, sum(s.points + s.bonus) AS points, "
            + "count(*) FILTER (WHERE s.correct) AS correct, count(*) AS answered, sum(s.response_ms) AS ms FROM scored_answers s "
            + "JOIN game_questions q ON q.game_id = s.game_id AND q.question_index = s.question_index "
            + "WHERE s.game_id = ?1 AND q.tallied_at IS NULL GROUP BY s.player_id), "
            + "board AS (SELECT p.player_id, p.nickname, p.total - COALESCE(u.points, 0) AS total, "
            + "p.correct_answers - COALESCE(u.correct, 0) AS correct_answers, p.answered - COALESCE(u.answered, 0) AS answered, "
            + "p.total_response_ms - COALESCE(u.ms, 0) AS total_response_ms "
            + "FROM player_scores p LEFT JOIN untallied u ON u.player_id = p.player_id WHERE p.game_id = ?1 AND NOT p.kicked) ";

    /** The top of the board as last tallied, or all of it with a limit of 0. SQL (ADR 0003): aggregates with FILTER. */
    @SuppressWarnings("unchecked")
    @Override
    public List<BoardRow> standings(UUID gameId, int limit) {
        List<Object[]> rows = em.createNativeQuery(BOARD_AS_TALLIED + "SELECT player_id, nickname, total, correct_answers, "
                        + "total_response_ms, answered FROM board ORDER BY " + ORDER
                        + (limit > 0 ? " LIMIT " + limit : ""))
                .setParameter(1, gameId).getResultList();
        List<BoardRow> board = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            board.add(new BoardRow((String) r[0], (String) r[1], ((Number) r[2]).intValue(), ((Number) r[3]).intValue(),
                    ((Number) r[5]).intValue(), ((Number) r[4]).longValue(), StreakState.NONE, false, 0, 0, null));
        }
        return board;
    }

    @Override
    public long playerCount(UUID gameId) {
        return em.createQuery("SELECT count(p) FROM PlayerScoreRecord p WHERE p.gameId = :game AND p.kicked = false", Long.class)
                .setParameter("game", gameId).getSingleResult();
    }

    /**
     * A player's place as last tallied: rank (1 = first) and the line, empty if not on the board. SQL (ADR 0003):
     * a window function over the board.
     */
    @SuppressWarnings("unchecked")
    @Override
    public Optional<Standing> place(UUID gameId, String playerId) {
        List<Object[]> rows = em.createNativeQuery(BOARD_AS_TALLIED + "SELECT rank, nickname, total, correct_answers FROM "
                        + "(SELECT player_id, nickname, total, correct_answers, row_number() OVER (ORDER BY " + ORDER
                        + ") AS rank FROM board) b WHERE player_id = ?2")
                .setParameter(1, gameId).setParameter(2, playerId).getResultList();
        return rows.stream().findFirst().map(r -> new Standing(((Number) r[0]).intValue(), playerId,
                r[1] == null ? "player" : (String) r[1], ((Number) r[2]).intValue(), ((Number) r[3]).intValue()));
    }

    /** Games whose boards may be in Redis: created or ended within the last day (an abandoned game is let go). */
    @Override
    public List<UUID> recentGames() {
        Instant dayAgo = Instant.now().minus(Duration.ofDays(1));
        return em.createQuery("SELECT g.gameId FROM GameRecord g WHERE (g.status = 'PLAYING' AND g.createdAt > :dayAgo) "
                        + "OR g.endedAt > :dayAgo", UUID.class)
                .setParameter("dayAgo", dayAgo).getResultList();
    }

    public void waitForGame(UUID gameId, String envelopeJson) {
        em.persist(new WaitingEventRecord(gameId, envelopeJson));
    }

    /**
     * The events that waited for the game, in arrival order; removed. Both statements run under the game's lock
     * ({@link #lockGame}), as every {@link #waitForGame} does, so no event arrives between them.
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
