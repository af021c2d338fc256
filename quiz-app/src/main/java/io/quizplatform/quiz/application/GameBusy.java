package io.quizplatform.quiz.application;

/** A host's command lost every race for the game to other changes; nothing was changed and it may be sent again. */
public final class GameBusy extends RuntimeException {

    public GameBusy() {
        super("The game is changing very fast right now; try again.");
    }
}
