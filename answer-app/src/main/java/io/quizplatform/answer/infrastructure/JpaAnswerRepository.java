package io.quizplatform.answer.infrastructure;

import io.quizplatform.answer.domain.AnswerKey;
import io.quizplatform.answer.domain.AnswerRepository;
import io.quizplatform.answer.domain.AnswerWindow;
import io.quizplatform.platform.persistence.AfterCommit;
import io.quizplatform.platform.persistence.InTransaction;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The {@link AnswerRepository} port on answer_db, through the entities {@link AnswerGameRecord},
 * {@link AnswerKeyRecord}, {@link GamePlayerRecord} and {@link AcceptedAnswerRecord}. SQL stays for the
 * insert-if-absent of redelivered events and for the answer burst's one-statement insert (ADR 0003).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class JpaAnswerRepository implements AnswerRepository {

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final java.lang.reflect.Type STRING_LIST = new ArrayList<String>() { }.getClass().getGenericSuperclass();

    @Inject
    EntityManager em;

    @Inject
    InTransaction inTransaction;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /**
     * Stores a new game and its answer keys; a game seen before is left as it is. Insert-if-absent in SQL (ADR 0003):
     * a redelivered game.created must change nothing and fail nothing; the keys are JSONB, a cast JPA cannot bind.
     */
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

    /**
     * Insert-if-absent in SQL, one statement for all of them (ADR 0003): a redelivered join changes nothing and fails
     * nothing.
     */
    @Override
    public void addPlayers(Collection<GamePlayer> players) {
        if (players.isEmpty()) {
            return;
        }
        em.createNativeQuery("INSERT INTO game_players (game_id, player_id) "
                        + "SELECT * FROM unnest(CAST(?1 AS uuid[]), CAST(?2 AS uuid[])) ON CONFLICT DO NOTHING")
                .setParameter(1, array(players.stream().map(GamePlayer::gameId).toList()))
                .setParameter(2, array(players.stream().map(GamePlayer::playerId).toList()))
                .executeUpdate();
    }

    @Override
    public void kick(UUID gameId, UUID playerId) {
        em.createQuery("UPDATE GamePlayerRecord p SET p.kicked = true WHERE p.gameId = :game AND p.playerId = :player")
                .setParameter("game", gameId).setParameter("player", playerId).executeUpdate();
    }

    @Override
    public List<Integer> opened(UUID gameId, int questionIndex, Instant openedAt, Instant closesAt) {
        return game(gameId).map(g -> g.opened(questionIndex, openedAt, closesAt)).orElse(List.of());
    }

    @Override
    public List<Integer> closed(UUID gameId, int questionIndex) {
        return game(gameId).map(g -> {
            if (g.window().ended()) {
                // A close replayed after the end: its tally reads the game's keys back; let go of them again.
                AfterCommit.run(transactions, () -> keys.remove(gameId));
            }
            return g.closed(questionIndex);
        }).orElse(List.of());
    }

    @Override
    public boolean tallyOnce(UUID gameId, int questionIndex) {
        // SQL (ADR 0003): insert-if-absent, so that two deliveries of one close can never both tally.
        return em.createNativeQuery("INSERT INTO question_tallies (game_id, question_index) VALUES (?1, ?2) "
                        + "ON CONFLICT DO NOTHING")
                .setParameter(1, gameId).setParameter(2, questionIndex).executeUpdate() == 1;
    }

    @Override
    public void ended(UUID gameId, Instant at) {
        // After the commit: the tally of a question open at the end is published later in the same transaction and
        // reads its key from here; let go earlier, it would be read back and kept for as long as the server runs.
        AfterCommit.run(transactions, () -> keys.remove(gameId));
        game(gameId).ifPresent(g -> g.ended(at));
    }

    /** The game's answer window, its row locked until the transaction ends (one decision per game at a time). */
    @Override
    public Optional<AnswerWindow> lockWindow(UUID gameId) {
        return game(gameId).map(AnswerGameRecord::window);
    }

    /**
     * The game's row, locked until the transaction ends ({@code SELECT ... FOR UPDATE}: waiting is right here, one
     * decision per game at a time). Read and locked once per transaction; every write goes through this managed copy,
     * and no other transaction can change the row meanwhile, so it stays the row without being read again.
     */
    private Optional<AnswerGameRecord> game(UUID gameId) {
        Map<UUID, AnswerGameRecord> locked = inTransaction.kept(AnswerGameRecord.class, HashMap::new);
        AnswerGameRecord game = locked.get(gameId);
        if (game == null) {
            game = em.find(AnswerGameRecord.class, gameId, LockModeType.PESSIMISTIC_WRITE);
            if (game != null) {
                locked.put(gameId, game);
            }
        }
        return Optional.ofNullable(game);
    }

    /**
     * The games' rows, locked in one statement in game id order (so that two transactions locking some of the same
     * games wait for each other rather than deadlock); kept as {@link #game} keeps them.
     */
    @Override
    public Map<UUID, AnswerWindow> lockWindows(Collection<UUID> gameIds) {
        Map<UUID, AnswerGameRecord> locked = inTransaction.kept(AnswerGameRecord.class, HashMap::new);
        List<UUID> toLock = gameIds.stream().filter(id -> !locked.containsKey(id)).distinct().toList();
        if (!toLock.isEmpty()) {
            em.createQuery("SELECT g FROM AnswerGameRecord g WHERE g.gameId IN :games ORDER BY g.gameId", AnswerGameRecord.class)
                    .setParameter("games", toLock).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList()
                    .forEach(game -> locked.put(game.gameId(), game));
        }
        Map<UUID, AnswerWindow> windows = new HashMap<>();
        for (UUID gameId : gameIds) {
            AnswerGameRecord game = locked.get(gameId);
            if (game != null) {
                windows.put(gameId, game.window());
            }
        }
        return windows;
    }

    /**
     * Those of these players who are in their game, and whether the host removed them: one statement, an index lookup
     * per player. SQL (ADR 0003, set-based on the burst path): the pairs are joined as two arrays; JPQL has no
     * row-value IN, and {@code game IN ... AND player IN ...} makes PostgreSQL probe every combination.
     */
    @Override
    public Map<GamePlayer, Boolean> players(Collection<GamePlayer> players) {
        Map<GamePlayer, Boolean> found = new HashMap<>(players.size() * 2);
        if (players.isEmpty()) {
            return found;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT p.game_id, p.player_id, p.kicked FROM game_players p "
                        + "JOIN unnest(CAST(?1 AS uuid[]), CAST(?2 AS uuid[])) AS w(game_id, player_id) "
                        + "ON p.game_id = w.game_id AND p.player_id = w.player_id")
                .setParameter(1, array(players.stream().map(GamePlayer::gameId).toList()))
                .setParameter(2, array(players.stream().map(GamePlayer::playerId).toList()))
                .getResultList();
        for (Object[] r : rows) {
            found.put(new GamePlayer(uuid(r[0]), uuid(r[1])), (Boolean) r[2]);
        }
        return found;
    }

    /** Those of these places that hold an accepted answer: one statement, as {@link #players(Collection)}. */
    @Override
    public Set<QuestionPlayer> answered(Collection<QuestionPlayer> places) {
        Set<QuestionPlayer> answered = new HashSet<>();
        if (places.isEmpty()) {
            return answered;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT a.game_id, a.question_index, a.player_id FROM answers a "
                        + "JOIN unnest(CAST(?1 AS uuid[]), CAST(?2 AS int[]), CAST(?3 AS uuid[])) AS w(game_id, question_index, player_id) "
                        + "ON a.game_id = w.game_id AND a.question_index = w.question_index AND a.player_id = w.player_id")
                .setParameter(1, array(places.stream().map(QuestionPlayer::gameId).toList()))
                .setParameter(2, array(places.stream().map(QuestionPlayer::questionIndex).toList()))
                .setParameter(3, array(places.stream().map(QuestionPlayer::playerId).toList()))
                .getResultList();
        for (Object[] r : rows) {
            answered.add(new QuestionPlayer(uuid(r[0]), ((Number) r[1]).intValue(), uuid(r[2])));
        }
        return answered;
    }

    /** A PostgreSQL array literal of ids or numbers (nothing in them needs quoting), bound as one parameter. */
    private static String array(List<?> values) {
        StringBuilder literal = new StringBuilder(values.size() * 37 + 2).append('{');
        for (Object value : values) {
            literal.append(literal.length() > 1 ? "," : "").append(value);
        }
        return literal.append('}').toString();
    }

    private static UUID uuid(Object column) {
        return column instanceof UUID id ? id : UUID.fromString(column.toString());
    }

    /** Answer keys never change once a game exists: read each once per instance, forgotten once the game's end commits. */
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

    private Optional<AnswerKey> readKey(UUID gameId, int questionIndex) {
        return Optional.ofNullable(em.find(AnswerKeyRecord.class, new AnswerKeyRecord.Key(gameId, questionIndex)))
                .map(k -> JSONB.fromJson(k.answerKey(), AnswerKey.class));
    }

    /** Insert-if-absent in SQL (ADR 0003): a redelivered answer is refused once. */
    @Override
    public void refused(UUID answerId, UUID gameId, int questionIndex, String playerId, String reason, Instant receivedAt) {
        em.createNativeQuery("INSERT INTO refused_answers (answer_id, game_id, question_index, player_id, reason, received_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING")
                .setParameter(1, answerId).setParameter(2, gameId).setParameter(3, questionIndex)
                .setParameter(4, playerId).setParameter(5, reason).setParameter(6, Timestamp.from(receivedAt))
                .executeUpdate();
    }

    /**
     * The answers to several games' questions in one statement, as {@link #players(Collection)}: the (game, question)
     * pairs joined as two arrays (a burst of closes in 500 games at once, 2026-12-05).
     */
    @Override
    public Map<GameQuestion, List<StoredAnswer>> answersTo(Collection<GameQuestion> questions) {
        Map<GameQuestion, List<StoredAnswer>> answers = new HashMap<>();
        questions.forEach(q -> answers.put(q, new ArrayList<>()));
        if (questions.isEmpty()) {
            return answers;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT a.game_id, a.question_index, CAST(a.option_ids AS text), "
                        + "a.text_answer, a.correct FROM answers a "
                        + "JOIN unnest(CAST(?1 AS uuid[]), CAST(?2 AS int[])) AS w(game_id, question_index) "
                        + "ON a.game_id = w.game_id AND a.question_index = w.question_index")
                .setParameter(1, array(questions.stream().map(GameQuestion::gameId).toList()))
                .setParameter(2, array(questions.stream().map(GameQuestion::questionIndex).toList()))
                .getResultList();
        for (Object[] r : rows) {
            answers.get(new GameQuestion(uuid(r[0]), ((Number) r[1]).intValue()))
                    .add(new StoredAnswer(JSONB.fromJson((String) r[2], STRING_LIST), (String) r[3], (Boolean) r[4]));
        }
        return answers;
    }

    /** The version of the last event answer-app published about this game (0 before the first). */
    @Override
    public long eventVersion(UUID gameId) {
        return game(gameId).orElseThrow(() -> new IllegalStateException("unknown game " + gameId)).answerEvents();
    }

    @Override
    public void eventVersion(UUID gameId, long version) {
        game(gameId).orElseThrow(() -> new IllegalStateException("unknown game " + gameId)).answerEvents(version);
    }

    /**
     * Inserts accepted answers in one statement: set-based SQL on the answer burst's path (ADR 0003), where
     * persisting an entity per answer would be an INSERT per answer (JDBC-batched, still one statement each for
     * PostgreSQL) and an object per answer in the persistence context. The unique (game, question, player) constraint still has the last
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
