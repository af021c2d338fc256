package io.quizplatform.quiz.domain.game;

import io.quizplatform.quiz.domain.ConcurrentChange;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Games in the event store, with the index of live games that finds one by its PIN (the event store implements it).
 * The writes need the caller's transaction: {@link #lockLive}, then {@link #load}, then {@link #append}.
 */
public interface GameEvents {

    /** The game as committed, for a command to change: a copy of its own. */
    Optional<Game> load(UUID gameId);

    /** The game as committed, to read only: shared with other readers, never to be changed. */
    Optional<Game> latest(UUID gameId);

    /** The live game with this PIN, if any. */
    Optional<UUID> liveGameByPin(String pin);

    /** Every game not ended. */
    List<UUID> liveGameIds();

    /** Serializes the commands on one live game for the rest of the transaction. */
    void lockLive(UUID gameId);

    /** Registers a new game's PIN; throws {@link PinTaken} when another live game has it. */
    void register(Game game);

    /** Appends the game's pending events; throws {@link ConcurrentChange} if another writer was first. */
    void append(Game game, String actorId);
}
