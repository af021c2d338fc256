package io.quizplatform.quiz.application;

import io.quizplatform.quiz.domain.game.Game;

/** A game's state changed (after the commit); the socket layer pushes the new state to the game's connections. */
public record GameChanged(Game game) {
}
