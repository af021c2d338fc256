package io.quizplatform.quiz.application;

/** Every PIN drawn for a new game was taken by a live one; the host may try again. */
public final class NoFreePin extends RuntimeException {

    public NoFreePin() {
        super("Could not find a free game PIN; try again.");
    }
}
