package io.quizplatform.quiz.application;

import io.quizplatform.platform.persistence.ReportedByCaller;

import java.util.UUID;

/**
 * No such game, or none the actor may see. Marked {@link ReportedByCaller}: it leaves {@link GameCommands#run}'s
 * transaction as an answer to the caller, not as a failure for Liberty to record.
 */
@ReportedByCaller
public final class UnknownGame extends RuntimeException {

    private UnknownGame(String message) {
        super(message);
    }

    /** No game has this id (any more). */
    public static UnknownGame withId(UUID gameId) {
        return new UnknownGame("No game with id " + gameId + ".");
    }

    /** Not among the actor's games: someone else's game is not told apart from one that does not exist. */
    public static UnknownGame amongYours(UUID gameId) {
        return new UnknownGame("No game with id " + gameId + " that you host.");
    }
}
