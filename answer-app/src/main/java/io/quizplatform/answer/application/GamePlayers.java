package io.quizplatform.answer.application;

import io.quizplatform.answer.domain.AnswerRepository;
import io.quizplatform.contracts.AnswerReceived;
import io.quizplatform.platform.persistence.InTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What a decision needs to know of a game's players, within one transaction: whether a player is in the game (and
 * removed), and whether they already have an accepted answer to a question, as answer_db says plus what this
 * transaction adds. Read for the batch's players only ({@link #answersComing}), with one query each for the whole
 * batch: reading the game's whole roster and every answer to the question in each batch instead took a third of
 * answer-app's time in a 10,000-player burst (2026-12-05). Joins are written together, one statement per run of them.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class GamePlayers {

    private static final String KNOWN = GamePlayers.class.getName() + ".known";
    private static final String JOINING = GamePlayers.class.getName() + ".joining";

    @Inject
    AnswerRepository repository;

    @Inject
    InTransaction inTransaction;

    /** What this transaction knows of one game's players; kept for the whole transaction (an opening or close changes none of it). */
    private static final class Known {
        /** Player → removed by the host; empty: not a player of the game. Absent: not read yet. */
        final Map<UUID, Optional<Boolean>> membership = new HashMap<>();
        /** Question → player → has an accepted answer. Absent: not read yet. */
        final Map<Integer, Map<UUID, Boolean>> answered = new HashMap<>();
    }

    private <T> Map<UUID, T> resource(String key) {
        return inTransaction.kept(key, LinkedHashMap::new);
    }

    private Known known(UUID gameId) {
        return this.<Known>resource(KNOWN).computeIfAbsent(gameId, id -> new Known());
    }

    /** The answers this transaction is about to decide: their players' membership and earlier answers, per game. */
    public void answersComing(List<AnswerReceived> answers) {
        writeJoins(); // none are pending at the start of a batch; a caller later in a transaction must not read past them
        Map<UUID, Set<UUID>> playersByGame = new LinkedHashMap<>();
        Map<UUID, Set<Integer>> questionsByGame = new HashMap<>();
        for (AnswerReceived answer : answers) {
            UUID gameId;
            UUID playerId;
            try {
                gameId = UUID.fromString(answer.gameId());
                playerId = UUID.fromString(answer.playerId());
            } catch (IllegalArgumentException | NullPointerException e) {
                // Not ids: refused as it comes, nothing to read for it (and nothing noted for its game: a game noted
                // without a question once failed the whole read, and the answer with it, 2026-12-05).
                continue;
            }
            playersByGame.computeIfAbsent(gameId, id -> new HashSet<>()).add(playerId);
            questionsByGame.computeIfAbsent(gameId, id -> new HashSet<>()).add(answer.questionIndex());
        }
        playersByGame.forEach((gameId, players) -> {
            Known known = known(gameId);
            Set<UUID> unread = new HashSet<>(players);
            unread.removeAll(known.membership.keySet());
            if (!unread.isEmpty()) {
                Map<UUID, Boolean> found = repository.players(gameId, unread);
                unread.forEach(id -> known.membership.put(id, Optional.ofNullable(found.get(id))));
            }
            Set<Integer> questions = questionsByGame.get(gameId);
            Map<Integer, Set<UUID>> answered = repository.answered(gameId, questions, players);
            for (int question : questions) {
                Map<UUID, Boolean> ofQuestion = known.answered.computeIfAbsent(question, q -> new HashMap<>());
                Set<UUID> yes = answered.getOrDefault(question, Set.of());
                players.forEach(id -> ofQuestion.putIfAbsent(id, yes.contains(id)));
            }
        });
    }

    /**
     * Whether the player is in the game (empty if not) and removed, read now if the batch did not. The joins collected
     * so far must have been written ({@link #writeJoins}, as every decision does first).
     */
    public Optional<Boolean> membership(UUID gameId, UUID playerId) {
        return known(gameId).membership.computeIfAbsent(playerId,
                id -> Optional.ofNullable(repository.players(gameId, List.of(id)).get(id)));
    }

    /** Records the player's answer to the question; false if they already had one. */
    public boolean firstAnswer(UUID gameId, int questionIndex, UUID playerId) {
        Map<UUID, Boolean> ofQuestion = known(gameId).answered.computeIfAbsent(questionIndex, q -> new HashMap<>());
        Boolean before = ofQuestion.get(playerId);
        if (before == null) {
            before = repository.answered(gameId, List.of(questionIndex), List.of(playerId))
                    .getOrDefault(questionIndex, Set.of()).contains(playerId);
        }
        ofQuestion.put(playerId, true);
        return !before;
    }

    /**
     * A player joined: written with the joins that follow it (the lobby filling at hundreds a second), one statement
     * per game, before anything else this transaction does ({@link #writeJoins}).
     */
    public void joined(UUID gameId, UUID playerId) {
        this.<List<UUID>>resource(JOINING).computeIfAbsent(gameId, id -> new ArrayList<>()).add(playerId);
        // A player is added as not removed; one already there (a redelivered join) stays as they were.
        known(gameId).membership.computeIfPresent(playerId, (id, known) -> known.isEmpty() ? Optional.of(false) : known);
    }

    public void kicked(UUID gameId, UUID playerId) {
        writeJoins();
        repository.kick(gameId, playerId);
        // Only a player of the game can be removed.
        known(gameId).membership.computeIfPresent(playerId, (id, known) -> known.isPresent() ? Optional.of(true) : known);
    }

    /** Writes the joins collected so far. */
    public void writeJoins() {
        Map<UUID, List<UUID>> joining = resource(JOINING);
        if (!joining.isEmpty()) {
            joining.forEach(repository::addPlayers);
            joining.clear();
        }
    }
}
