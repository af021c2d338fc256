package io.quizplatform.quiz.application.live;

import java.util.Optional;
import java.util.Set;

/**
 * The port to who is connected to a game, on any instance (Redis, kept from each instance's own connections):
 * what "everyone answered" counts against.
 */
public interface PlayersOnline {

    void connected(String gameId, String playerId);

    void disconnected(String gameId, String playerId);

    /** A lower bound of how many players have a connection open, or -1 when it cannot be known now. */
    long onlineCount(String gameId);

    /** The players with a connection open on any instance, or empty when it cannot be known now. */
    Optional<Set<String>> online(String gameId);
}
