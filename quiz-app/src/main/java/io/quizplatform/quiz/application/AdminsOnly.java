package io.quizplatform.quiz.application;

/** Something only an admin may do, asked by someone who is not one; the message says what. */
public final class AdminsOnly extends RuntimeException {

    public AdminsOnly(String message) {
        super(message);
    }
}
