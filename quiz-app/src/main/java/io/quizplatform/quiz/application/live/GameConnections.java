package io.quizplatform.quiz.application.live;

import java.util.Collection;

/**
 * The port to the connections this instance holds, by game (the WebSocket adapter implements it): the application
 * decides what each role is sent, the adapter only writes strings.
 */
public interface GameConnections {

    /**
     * From now on the connection is among its game's: it gets the game's pushes. One whose socket closed before this
     * is let go of by the adapter once the hello is served (its close found nothing to let go of then).
     */
    void add(Connection connection);

    /** The open connections of the game here, hosts and players (a player may have several). */
    Collection<Connection> of(String gameId);

    /** The open connections of the game's hosts here. */
    default Collection<Connection> hostsOf(String gameId) {
        return of(gameId).stream().filter(Connection::host).toList();
    }

    /** The open connections of one player of the game here (a phone may reconnect before its old socket closed). */
    default Collection<Connection> ofPlayer(String gameId, String playerId) {
        return of(gameId).stream().filter(c -> !c.host() && playerId.equals(c.userId())).toList();
    }

    /** The game sockets open on this instance, whether their hello came yet or not (a metric). */
    long openSockets();

    /** Lets go of the game: its connections are not held for it any more (they stay open). */
    void forget(String gameId);

    /** To every host's connection of the game here. */
    default void toHosts(String gameId, String text) {
        for (Connection c : hostsOf(gameId)) {
            c.send(text);
        }
    }
}
