package io.quizplatform.quiz.api.ws;

import io.quizplatform.platform.api.StrictIds;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /quiz/ws/games/{gameId}}: the live game for hosts and players. The first message says who is connecting
 * (a player token, or a host's access token); see docs/PROTOCOL.md. Also the join socket {@code /quiz/ws/join}
 * ({@link JoinSocketUpgrade}), whose first message joins a game by its PIN and which then carries that game.
 *
 * <p>Text arrives in parts, one per frame, and is put together here: a message over 4 KiB, however it is
 * fragmented, closes the connection with 1009 before it is read. A programmatic endpoint rather than an annotated
 * one, because then Liberty checks every frame against the session's limit with a reason of its own that names no
 * class (its annotated {@code maxMessageSize} check skips fragmented messages, and names the endpoint class).
 * Deployed by {@link GameSocketConfig}.
 */
public class GameSocket extends Endpoint {

    static final String PATH = "/ws/games/{gameId}";
    static final String TOO_BIG = "message too big";
    static final String TEXT_ONLY = "text frames only";
    private static final Logger LOG = Logger.getLogger(GameSocket.class.getName());

    /** Given by the configurator ({@link OriginCheck}), which creates the instances. */
    private final GameSessions sessions;

    GameSocket(GameSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        String path = session.getPathParameters().get("gameId"); // null on the join socket
        // The id in its one canonical spelling: the games this instance serves and their rooms are keyed by it, and
        // another spelling of the same id must neither read the game again nor file a host in a room of its own.
        String gameId = path == null ? null : StrictIds.uuid(path).map(UUID::toString).orElse(null);
        if (path != null && gameId == null) {
            sessions.unknownGame(session);
            return;
        }
        // No single frame may be larger than a whole message may be.
        session.setMaxTextMessageBufferSize(ClientMessages.MAX_MESSAGE_BYTES);
        session.setMaxBinaryMessageBufferSize(ClientMessages.MAX_MESSAGE_BYTES);
        MessageAssembler assembler = new MessageAssembler();
        session.addMessageHandler(String.class, new MessageHandler.Partial<String>() {
            @Override
            public void onMessage(String part, boolean last) {
                try {
                    assembler.add(part, last).ifPresent(text -> sessions.received(session, gameId, text));
                } catch (MessageAssembler.TooBig e) {
                    sessions.tooBig(session);
                }
            }
        });
        session.addMessageHandler(ByteBuffer.class, new MessageHandler.Partial<ByteBuffer>() {
            @Override
            public void onMessage(ByteBuffer part, boolean last) {
                sessions.binary(session);
            }
        });
        sessions.opened(session, gameId);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        sessions.closed(session);
    }

    @Override
    public void onError(Session session, Throwable failure) {
        LOG.log(Level.FINE, "socket error", failure);
        sessions.failed(session, failure);
    }
}
