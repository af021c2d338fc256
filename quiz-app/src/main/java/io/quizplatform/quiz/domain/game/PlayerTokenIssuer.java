package io.quizplatform.quiz.domain.game;

import java.time.Instant;

/**
 * Signs the token a player gets on joining, bound to one game and one player: how they get back into the game as
 * the same player after a reload (the player tokens implement it).
 */
public interface PlayerTokenIssuer {

    String issue(String gameId, String playerId, Instant now);
}
