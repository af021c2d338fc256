package io.quizplatform.scoring.domain;

import io.quizplatform.contracts.Standing;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The boards as scoring_db makes them from the players' scores: the one a question's scores are published from, and
 * the board as last tallied that players and hosts may read. Implemented by {@code infrastructure.BoardRepository};
 * every method runs in the caller's transaction.
 */
public interface BoardStore {

    /** The board after a question: every player still in the game, best first. */
    List<BoardRow> board(UUID gameId, int questionIndex);

    /** The top of the board as last tallied, or all of it with a limit of 0. */
    List<BoardRow> standings(UUID gameId, int limit);

    /** Players still in the game. */
    long playerCount(UUID gameId);

    /**
     * A player's place as last tallied: rank (1 = first), nickname ("player" while their join is not read yet), total
     * and correct answers; empty if not on the board.
     */
    Optional<Standing> place(UUID gameId, String playerId);
}
