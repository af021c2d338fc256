package io.quizplatform.quiz.api.ws;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /quiz/ws/games/{gameId}}: the live game for hosts and players. The first message says who is connecting
 * (a player token, or a host's access token); see docs/PROTOCOL.md. Messages over 4 KiB close the connection
 * with 1009.
 */
@ServerEndpoint(value = "/ws/games/{gameId}", configurator = OriginCheck.class)
public class GameSocket {

    private static final Logger LOG = Logger.getLogger(GameSocket.class.getName());

    /**
     * Looked up rather than injected: with a custom configurator (the Origin check) Liberty creates endpoint
     * instances without CDI injection.
     */
    private final GameSessions sessions = CDI.current().select(GameSessions.class).get();

    @OnOpen
    public void open(Session session, @PathParam("gameId") String gameId) {
        sessions.opened(session, gameId);
    }

    @OnMessage(maxMessageSize = 4096)
    public void message(String text, Session session, @PathParam("gameId") String gameId) {
        sessions.received(session, gameId, text);
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        sessions.closed(session);
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, "socket error", failure);
        sessions.closed(session);
    }
}
