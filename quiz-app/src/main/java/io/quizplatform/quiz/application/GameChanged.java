package io.quizplatform.quiz.application;

import io.quizplatform.quiz.domain.game.Game;

/**
 * A game changed (committed, and announced on quiz-events), with its state loaded once for every observer. Fired
 * by the fan-out consumer on every instance; the socket layer pushes the state to the game's connections there,
 * and the clock schedules what is due.
 */
public record GameChanged(Game game) {
}
