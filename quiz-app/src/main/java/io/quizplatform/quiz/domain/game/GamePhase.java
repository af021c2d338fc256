package io.quizplatform.quiz.domain.game;

/**
 * Lobby (players join), preview (question text shown, no answers yet), open (answers accepted until the time is
 * up), closed (results shown, waiting for the host's "next"), ended.
 */
public enum GamePhase {
    LOBBY, PREVIEW, OPEN, CLOSED, ENDED
}
