package io.quizplatform.answer.application;

import io.quizplatform.answer.domain.AnswerRepository;
import io.quizplatform.contracts.AnswerReceived;
import io.quizplatform.platform.persistence.InTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What a decision needs to know of a game's players, within one transaction: whether a player is in the game (and
 * removed), and whether they already have an accepted answer to a question, as answer_db says plus what this
 * transaction adds. Read for the batch's players only ({@link #answersComing}), with one query each for the whole
 * batch, whatever games it spans: reading the game's whole roster and every answer to the question in each batch
 * instead took a third of answer-app's time in a 10,000-player burst (2026-12-05). Joins are written together, one statement per run of them.
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

    private Known known(UUID gameId) {
        return inTransaction.<Map<UUID, Known>>kept(KNOWN, HashMap::new).computeIfAbsent(gameId, id -> new Known());
    }

    /**
     * The answers this transaction is about to decide: their players' membership and earlier answers, for all the
     * batch's games with one query each (one per game was most of a batch's statements in 500 games at once).
     */
    public void answersComing(List<AnswerReceived> answers) {
        writeJoins(); // none are pending at the start of a batch; a caller later in a transaction must not read past them
        Set<AnswerRepository.GamePlayer> unread = new LinkedHashSet<>();
        Set<AnswerRepository.QuestionPlayer> places = new LinkedHashSet<>();
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
            if (!known(gameId).membership.containsKey(playerId)) {
                unread.add(new AnswerRepository.GamePlayer(gameId, playerId));
            }
            if (!known(gameId).answered.getOrDefault(answer.questionIndex(), Map.of()).containsKey(playerId)) {
                places.add(new AnswerRepository.QuestionPlayer(gameId, answer.questionIndex(), playerId));
            }
        }
        if (!unread.isEmpty()) {
            Map<AnswerRepository.GamePlayer, Boolean> found = repository.players(unread);
            unread.forEach(p -> known(p.gameId()).membership.put(p.playerId(), Optional.ofNullable(found.get(p))));
        }
        if (!places.isEmpty()) {
            Set<AnswerRepository.QuestionPlayer> answered = repository.answered(places);
            places.forEach(p -> known(p.gameId()).answered.computeIfAbsent(p.questionIndex(), q -> new HashMap<>())
                    .put(p.playerId(), answered.contains(p)));
        }
    }

    /**
     * Whether the player is in the game (empty if not) and removed, read now if the batch did not. The joins collected
     * so far must have been written ({@link #writeJoins}, as every decision does first).
     */
    public Optional<Boolean> membership(UUID gameId, UUID playerId) {
        return known(gameId).membership.computeIfAbsent(playerId, id -> {
            AnswerRepository.GamePlayer player = new AnswerRepository.GamePlayer(gameId, id);
            return Optional.ofNullable(repository.players(List.of(player)).get(player));
        });
    }

    /** Records the player's answer to the question; false if they already had one. */
    public boolean firstAnswer(UUID gameId, int questionIndex, UUID playerId) {
        Map<UUID, Boolean> ofQuestion = known(gameId).answered.computeIfAbsent(questionIndex, q -> new HashMap<>());
        Boolean before = ofQuestion.get(playerId);
        if (before == null) {
            AnswerRepository.QuestionPlayer place = new AnswerRepository.QuestionPlayer(gameId, questionIndex, playerId);
            before = repository.answered(List.of(place)).contains(place);
        }
        ofQuestion.put(playerId, true);
        return !before;
    }

    /**
     * A player joined: written with the joins that follow it (the lobby filling at hundreds a second), one statement
     * for all games, before anything else this transaction does ({@link #writeJoins}).
     */
    public void joined(UUID gameId, UUID playerId) {
        joining().add(new AnswerRepository.GamePlayer(gameId, playerId));
        // A player is added as not removed; one already there (a redelivered join) stays as they were.
        known(gameId).membership.computeIfPresent(playerId, (id, known) -> known.isEmpty() ? Optional.of(false) : known);
    }

    public void kicked(UUID gameId, UUID playerId) {
        writeJoins();
        repository.kick(gameId, playerId);
        // Only a player of the game can be removed.
        known(gameId).membership.computeIfPresent(playerId, (id, known) -> known.isPresent() ? Optional.of(true) : known);
    }

    /** Writes the joins collected so far, of every game, with one statement. */
    public void writeJoins() {
        List<AnswerRepository.GamePlayer> joining = joining();
        if (!joining.isEmpty()) {
            repository.addPlayers(List.copyOf(joining));
            joining.clear();
        }
    }

    private List<AnswerRepository.GamePlayer> joining() {
        return inTransaction.kept(JOINING, ArrayList::new);
    }
}
