package io.quizplatform.answer.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * answer_db as the decisions see it: games as answer-app knows them, answer keys, players and the answers themselves
 * (the port beside {@link AnswerWindow} and {@link AnswerKey}; {@code infrastructure.JpaAnswerRepository} implements it).
 * Every method runs in the caller's transaction.
 */
public interface AnswerRepository {

    /** An accepted answer as the tally needs it. */
    record StoredAnswer(List<String> optionIds, String text, Boolean correct) {
    }

    /** Stores a new game and its answer keys; a game seen before is left as it is. */
    void createGame(UUID gameId, String hostId, Instant createdAt, List<AnswerKey> keys);

    void kick(UUID gameId, UUID playerId);

    /**
     * Opens the question in the game's answer window, unless the game has moved past it.
     *
     * @return the questions before it that the game moved past without their close here (parked), each to be
     *         tallied unless it was already ({@link #tallyOnce}); none otherwise
     */
    List<Integer> opened(UUID gameId, int questionIndex, Instant openedAt, Instant closesAt);

    /**
     * Closes the question in the game's answer window.
     *
     * @return the questions this close ends, each to be tallied unless it was already ({@link #tallyOnce}): the
     *         earlier ones whose close never came here (parked), then the question itself; none for a game not known
     *         here
     */
    List<Integer> closed(UUID gameId, int questionIndex);

    /** Marks the question tallied. @return false when it already was (a repeated or replayed close, the end) */
    boolean tallyOnce(UUID gameId, int questionIndex);

    void ended(UUID gameId, Instant at);

    /** The game's answer window, its row locked until the transaction ends (one decision per game at a time). */
    Optional<AnswerWindow> lockWindow(UUID gameId);

    /**
     * The answer windows of those of these games answer-app knows, their rows locked until the transaction ends, with
     * one statement for all of them (a batch's games: in many classrooms at once, one per game was most of a batch).
     */
    Map<UUID, AnswerWindow> lockWindows(Collection<UUID> gameIds);

    /** A player of a game. */
    record GamePlayer(UUID gameId, UUID playerId) {
    }

    /** A player's place for an answer: one answer per game, question and player. */
    record QuestionPlayer(UUID gameId, int questionIndex, UUID playerId) {
    }

    /** Adds these players to their games; one already there stays as they were (a redelivered join). One statement. */
    void addPlayers(Collection<GamePlayer> players);

    /** Those of these players who are in their game, and whether the host removed them: one statement for all. */
    Map<GamePlayer, Boolean> players(Collection<GamePlayer> players);

    Optional<AnswerKey> key(UUID gameId, int questionIndex);

    void refused(UUID answerId, UUID gameId, int questionIndex, String playerId, String reason, Instant receivedAt);

    /** A question of a game, whose accepted answers a tally counts. */
    record GameQuestion(UUID gameId, int questionIndex) {
    }

    /** The accepted answers to each of these questions (every question a key, empty if none): one statement for all. */
    Map<GameQuestion, List<StoredAnswer>> answersTo(Collection<GameQuestion> questions);

    /** The version of the last event answer-app published about this game (0 before the first). */
    long eventVersion(UUID gameId);

    void eventVersion(UUID gameId, long version);

    /** Those of these places that hold an accepted answer: one statement for all. */
    Set<QuestionPlayer> answered(Collection<QuestionPlayer> places);

    /** An accepted answer, to be inserted with others in one statement. */
    record NewAnswer(UUID answerId, UUID gameId, int questionIndex, UUID playerId, List<String> optionIds, String text,
                            Boolean correct, long responseMs, Instant receivedAt) {
    }

    /**
     * Inserts accepted answers in one statement. The unique (game, question, player) constraint still has the last
     * word: a second answer makes the whole statement, and the transaction, fail.
     */
    void insertAnswers(List<NewAnswer> answers);
}
