package io.quizplatform.quiz.api.ws;

import io.quizplatform.quiz.application.live.Connection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections of one game on this instance, also by role and by player: a player's own message (their answer
 * locked in) or the host's count is a look-up, not a scan of 10,000 sockets per batch of decisions.
 */
final class GameRoom {

    private final Set<SocketConnection> all = ConcurrentHashMap.newKeySet();
    private final Set<SocketConnection> hosts = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<SocketConnection>> byPlayer = new ConcurrentHashMap<>();

    void add(SocketConnection socket) {
        all.add(socket);
        if (socket.host()) {
            hosts.add(socket);
        } else {
            byPlayer.computeIfAbsent(socket.userId(), id -> ConcurrentHashMap.newKeySet()).add(socket);
        }
    }

    void remove(SocketConnection socket) {
        all.remove(socket);
        if (socket.host()) {
            hosts.remove(socket);
        } else {
            // A player's set may stay empty: a reconnect reuses it, and the room goes with its game.
            Set<SocketConnection> mine = byPlayer.get(socket.userId());
            if (mine != null) {
                mine.remove(socket);
            }
        }
    }

    Collection<Connection> all() {
        return open(all);
    }

    Collection<Connection> hosts() {
        return open(hosts);
    }

    Collection<Connection> player(String playerId) {
        Set<SocketConnection> mine = byPlayer.get(playerId);
        return mine == null ? List.of() : open(mine);
    }

    /** The open ones; a socket the container closed without telling us is dropped on the way. */
    private Collection<Connection> open(Set<SocketConnection> sockets) {
        if (sockets.isEmpty()) {
            return List.of();
        }
        List<Connection> open = new ArrayList<>(sockets.size() + 16);
        for (SocketConnection socket : sockets) {
            if (socket.session().isOpen()) {
                open.add(socket);
            } else {
                remove(socket);
            }
        }
        return open;
    }
}
