package io.quizplatform.answer.infrastructure;

import io.quizplatform.answer.domain.AnswerKey;
import io.quizplatform.answer.domain.AnswerRepository;
import io.quizplatform.answer.domain.AnswerWindow;
import io.quizplatform.platform.persistence.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@link AnswerRepository} port on answer_db (native SQL through the persistence unit {@code answer}). */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class JpaAnswerRepository implements AnswerRepository {

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final java.lang.reflect.Type STRING_LIST = new ArrayList<String>() { }.getClass().getGenericSuperclass();

    @Inject
    EntityManager em;

    /** Stores a new game and its answer keys; a game seen before is left as it is. */
    @Override
    public void createGame(UUID gameId, String hostId, Instant createdAt, List<AnswerKey> keys) {
        int created = em.createNativeQuery("INSERT INTO games (game_id, host_id, created_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, gameId).setParameter(2, hostId).setParameter(3, Timestamp.from(createdAt))
                .executeUpdate();
        if (created == 0) {
            return;
        }
        for (int i = 0; i < keys.size(); i++) {
            em.createNativeQuery("INSERT INTO game_questions (game_id, question_index, answer_key) VALUES (?1, ?2, CAST(?3 AS jsonb))")
                    .setParameter(1, gameId).setParameter(2, i).setParameter(3, JSONB.toJson(keys.get(i)))
                    .executeUpdate();
        }
    }

    @Override
    public void addPlayer(UUID gameId, UUID playerId) {
        em.createNativeQuery("INSERT INTO game_players (game_id, player_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, gameId).setParameter(2, playerId).executeUpdate();
    }

    @Override
    public void kick(UUID gameId, UUID playerId) {
        em.createNativeQuery("UPDATE game_players SET kicked = true WHERE game_id = ?1 AND player_id = ?2")
                .setParameter(1, gameId).setParameter(2, playerId).executeUpdate();
    }

    @Override
    public void opened(UUID gameId, int questionIndex, Instant openedAt, Instant closesAt) {
        em.createNativeQuery("UPDATE games SET open_question = ?2, opened_at = ?3, closes_at = ?4 WHERE game_id = ?1")
                .setParameter(1, gameId).setParameter(2, questionIndex)
                .setParameter(3, Timestamp.from(openedAt)).setParameter(4, Timestamp.from(closesAt))
                .executeUpdate();
    }

    /** @return whether the question was open (a repeated close changes nothing) */
    @Override
    public boolean closed(UUID gameId, int questionIndex) {
        return em.createNativeQuery("UPDATE games SET open_question = -1, last_closed = GREATEST(last_closed, ?2) "
                        + "WHERE game_id = ?1 AND open_question = ?2")
                .setParameter(1, gameId).setParameter(2, questionIndex).executeUpdate() > 0;
    }

    @Override
    public void ended(UUID gameId, Instant at) {
        keys.remove(gameId);
        em.createNativeQuery("UPDATE games SET ended_at = ?2, open_question = -1, "
                        + "last_closed = GREATEST(last_closed, open_question) WHERE game_id = ?1 AND ended_at IS NULL")
                .setParameter(1, gameId).setParameter(2, Timestamp.from(at)).executeUpdate();
    }

    /** The game's answer window, its row locked until the transaction ends (one decision per game at a time). */
    @SuppressWarnings("unchecked")
    @Override
    public Optional<AnswerWindow> lockWindow(UUID gameId) {
        List<Object[]> rows = em.createNativeQuery("SELECT open_question, opened_at, closes_at, last_closed, ended_at "
                        + "FROM games WHERE game_id = ?1 FOR UPDATE")
                .setParameter(1, gameId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        return Optional.of(new AnswerWindow(((Number) r[0]).intValue(), SqlValues.instant(r[1]), SqlValues.instant(r[2]),
                ((Number) r[3]).intValue(), r[4] != null));
    }

    /** Every player of the game, and whether the host removed them. */
    @SuppressWarnings("unchecked")
    @Override
    public java.util.Map<UUID, Boolean> players(UUID gameId) {
        List<Object[]> rows = em.createNativeQuery("SELECT player_id, kicked FROM game_players WHERE game_id = ?1")
                .setParameter(1, gameId).getResultList();
        java.util.Map<UUID, Boolean> players = new java.util.HashMap<>(rows.size() * 2);
        for (Object[] r : rows) {
            players.put((UUID) r[0], (Boolean) r[1]);
        }
        return players;
    }

    /** Answer keys never change once a game exists: read each once per instance, forgotten when the game ends. */
    private final java.util.Map<UUID, java.util.Map<Integer, AnswerKey>> keys = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public Optional<AnswerKey> key(UUID gameId, int questionIndex) {
        java.util.Map<Integer, AnswerKey> ofGame = keys.computeIfAbsent(gameId, id -> new java.util.concurrent.ConcurrentHashMap<>());
        AnswerKey known = ofGame.get(questionIndex);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<AnswerKey> read = readKey(gameId, questionIndex);
        read.ifPresent(k -> ofGame.put(questionIndex, k));
        return read;
    }

    @SuppressWarnings("unchecked")
    private Optional<AnswerKey> readKey(UUID gameId, int questionIndex) {
        List<Object> rows = em.createNativeQuery("SELECT CAST(answer_key AS text) FROM game_questions WHERE game_id = ?1 AND question_index = ?2")
                .setParameter(1, gameId).setParameter(2, questionIndex).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(JSONB.fromJson((String) rows.get(0), AnswerKey.class));
    }

    @Override
    public void refused(UUID answerId, UUID gameId, int questionIndex, String playerId, String reason, Instant receivedAt) {
        em.createNativeQuery("INSERT INTO refused_answers (answer_id, game_id, question_index, player_id, reason, received_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING")
                .setParameter(1, answerId).setParameter(2, gameId).setParameter(3, questionIndex)
                .setParameter(4, playerId).setParameter(5, reason).setParameter(6, Timestamp.from(receivedAt))
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    @Override
    public List<StoredAnswer> answersTo(UUID gameId, int questionIndex) {
        List<Object[]> rows = em.createNativeQuery("SELECT CAST(option_ids AS text), text_answer, correct FROM answers "
                        + "WHERE game_id = ?1 AND question_index = ?2")
                .setParameter(1, gameId).setParameter(2, questionIndex).getResultList();
        List<StoredAnswer> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            List<String> ids = JSONB.fromJson((String) r[0], STRING_LIST);
            out.add(new StoredAnswer(ids, (String) r[1], (Boolean) r[2]));
        }
        return out;
    }

    /** The version of the last event answer-app published about this game (0 before the first). */
    @Override
    public long eventVersion(UUID gameId) {
        Object v = em.createNativeQuery("SELECT answer_events FROM games WHERE game_id = ?1").setParameter(1, gameId).getSingleResult();
        return ((Number) v).longValue();
    }

    @Override
    public void eventVersion(UUID gameId, long version) {
        em.createNativeQuery("UPDATE games SET answer_events = ?2 WHERE game_id = ?1")
                .setParameter(1, gameId).setParameter(2, version).executeUpdate();
    }

    /** The players who have an accepted answer to the question. */
    @SuppressWarnings("unchecked")
    @Override
    public java.util.Set<UUID> answered(UUID gameId, int questionIndex) {
        List<Object> rows = em.createNativeQuery("SELECT player_id FROM answers WHERE game_id = ?1 AND question_index = ?2")
                .setParameter(1, gameId).setParameter(2, questionIndex).getResultList();
        java.util.Set<UUID> players = new java.util.HashSet<>(rows.size() * 2);
        rows.forEach(r -> players.add((UUID) r));
        return players;
    }

    /**
     * Inserts accepted answers in one statement. The unique (game, question, player) constraint still has the last
     * word: a second answer makes the whole statement, and the transaction, fail.
     */
    @Override
    public void insertAnswers(List<NewAnswer> answers) {
        if (answers.isEmpty()) {
            return;
        }
        em.createNativeQuery("INSERT INTO answers (answer_id, game_id, question_index, player_id, option_ids, text_answer, "
                        + "correct, response_ms, received_at) SELECT a.answer_id, a.game_id, a.question_index, a.player_id, "
                        + "a.option_ids, a.text_answer, a.correct, a.response_ms, a.received_at "
                        + "FROM jsonb_to_recordset(CAST(?1 AS jsonb)) AS a(answer_id uuid, game_id uuid, question_index int, "
                        + "player_id uuid, option_ids jsonb, text_answer varchar(100), correct boolean, response_ms bigint, "
                        + "received_at timestamptz)")
                .setParameter(1, JSONB.toJson(answers.stream().map(a -> {
                    java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
                    row.put("answer_id", a.answerId().toString());
                    row.put("game_id", a.gameId().toString());
                    row.put("question_index", a.questionIndex());
                    row.put("player_id", a.playerId().toString());
                    row.put("option_ids", a.optionIds());
                    row.put("text_answer", a.text());
                    row.put("correct", a.correct());
                    row.put("response_ms", a.responseMs());
                    row.put("received_at", a.receivedAt().toString());
                    return row;
                }).toList()))
                .executeUpdate();
    }
}
