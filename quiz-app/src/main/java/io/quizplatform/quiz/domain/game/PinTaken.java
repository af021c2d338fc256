package io.quizplatform.quiz.domain.game;

/**
 * The PIN is taken by another live game: the caller draws another. Abstract because the event store throws its own
 * subclass, which carries the platform's no-FFDC mark (the domain cannot name it).
 */
public abstract class PinTaken extends RuntimeException {

    protected PinTaken() {
        super("PIN taken");
    }
}
