package io.quizplatform.quiz.application.live;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The connections port without sockets: each connection keeps what it was sent and whether it was closed. */
final class FakeConnections implements GameConnections {

    final Map<String, List<Connection>> byGame = new ConcurrentHashMap<>();

    @Override
    public void add(Connection connection) {
        byGame.computeIfAbsent(connection.gameId(), g -> new CopyOnWriteArrayList<>()).add(connection);
    }

    @Override
    public Collection<Connection> of(String gameId) {
        return new ArrayList<>(byGame.getOrDefault(gameId, List.of()));
    }

    @Override
    public long openSockets() {
        return byGame.values().stream().mapToLong(List::size).sum();
    }

    @Override
    public void forget(String gameId) {
        byGame.remove(gameId);
    }

    final class Phone implements Connection {
        final String gameId;
        final String userId;
        final boolean host;
        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<Runnable> written = new CopyOnWriteArrayList<>();
        String closedFor;

        Phone(String gameId, String userId, boolean host) {
            this.gameId = gameId;
            this.userId = userId;
            this.host = host;
        }

        @Override
        public String gameId() {
            return gameId;
        }

        @Override
        public String userId() {
            return userId;
        }

        @Override
        public boolean host() {
            return host;
        }

        @Override
        public void send(String text) {
            sent.add(text);
        }

        @Override
        public void send(String text, Runnable whenWritten) {
            sent.add(text);
            written.add(whenWritten);
        }

        @Override
        public void sendNow(String text, Runnable whenWritten) {
            if (whenWritten == null) {
                send(text);
            } else {
                send(text, whenWritten);
            }
        }

        @Override
        public void close(String reason) {
            closedFor = reason;
            List<Connection> here = byGame.get(gameId);
            if (here != null) {
                here.remove(this);
            }
        }

        String last() {
            return sent.get(sent.size() - 1);
        }
    }

    Phone player(String gameId, String playerId) {
        return new Phone(gameId, playerId, false);
    }

    Phone host(String gameId, String userId) {
        return new Phone(gameId, userId, true);
    }
}
