package io.quizplatform.quiz.application;

/** A game is started from a published quiz only: a draft may still change under the players. */
public final class QuizNotPublished extends RuntimeException {

    public QuizNotPublished() {
        super("Publish the quiz before starting a game with it.");
    }
}
