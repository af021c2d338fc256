package io.quizplatform.quiz.application;

/**
 * A game changed (committed, and announced on quiz-events). Fired by the fan-out consumer on every instance; the
 * socket layer pushes the new state to the game's connections there, and the clock schedules what is due.
 */
public record GameChanged(String gameId) {
}
