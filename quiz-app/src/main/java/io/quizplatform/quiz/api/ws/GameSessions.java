package io.quizplatform.quiz.api.ws;

import io.quizplatform.platform.api.ProblemException;
import io.quizplatform.platform.tracing.Traced;
import io.quizplatform.platform.tracing.Tracing;
import io.quizplatform.quiz.application.Actor;
import io.quizplatform.quiz.application.GameHosting;
import io.quizplatform.quiz.application.live.Connection;
import io.quizplatform.quiz.application.live.GameConnections;
import io.quizplatform.quiz.application.live.LiveGames;
import io.quizplatform.quiz.application.live.LiveMessages;
import io.quizplatform.quiz.application.live.ServerMessage;
import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.infrastructure.game.PlayerTokens;
import io.quizplatform.quiz.infrastructure.security.AccessTokenVerifier;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextServiceDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket side of the live game (docs/PROTOCOL.md): the connections of this instance, by game, and what
 * arrives on them. A message is read strictly ({@link ClientMessages}), then checked in this order: the rate, hello
 * first, who may send it, its fields; hellos are authenticated here (player tokens, access tokens) and handed to
 * {@link LiveGames}, which decides what each connection is sent; this class only writes the strings it is given
 * ({@link GameConnections}), each connection through its own queue ({@link Outbound}).
 */
@ApplicationScoped
@ManagedExecutorDefinition(name = GameSessions.SOCKET_WRITES, context = GameSessions.SOCKET_WRITES_CONTEXT)
// A write needs the application's class loader and naming context, nothing of who queued it: capturing the default
// context (security above all) for each of the burst's writes was 3 % of the server's samples (100 games of 100).
@ContextServiceDefinition(name = GameSessions.SOCKET_WRITES_CONTEXT, propagated = ContextServiceDefinition.APPLICATION,
        cleared = ContextServiceDefinition.TRANSACTION, unchanged = ContextServiceDefinition.ALL_REMAINING)
public class GameSessions implements GameConnections {

    static final String SOCKET_WRITES = "java:module/concurrent/socket-writes";
    static final String SOCKET_WRITES_CONTEXT = "java:module/concurrent/socket-writes-context";

    static final int MAX_MESSAGES_PER_SECOND = 10;
    static final long HELLO_TIMEOUT_SECONDS = 10;
    /** A socket with no message either way for this long is closed (1001), as a dead phone's would never be. */
    static final long IDLE_TIMEOUT_SECONDS = 5 * 60;

    private static final String CONNECTION = "connection";
    private static final String RATE = "rate";
    private static final String OUTBOUND = "outbound";

    @Inject
    Tracing tracing;

    @Inject
    LiveGames live;

    @Inject
    GameHosting games;

    @Inject
    PlayerTokens playerTokens;

    @Inject
    AccessTokenVerifier hostTokens;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource(lookup = SOCKET_WRITES)
    ManagedExecutorService writers;

    private final Map<String, GameRoom> byGame = new ConcurrentHashMap<>();
    /** Every game socket open here, identified or not (the sockets gauge). */
    private final Set<Session> open = ConcurrentHashMap.newKeySet();
    private volatile java.util.concurrent.ScheduledFuture<?> idleSweep;

    void opened(Session session, String gameId) {
        open.add(session);
        // Not the container's idle timeout (setMaxIdleTimeout): Liberty cancels and reschedules a timer on its shared
        // scheduler for every message, and with 10,000 sockets each cancel scans a queue of 10,000 timers under one
        // lock (5 % of the server's samples in a 100-games-of-100 profile). One sweep a minute does the same job.
        if (idleSweep == null) {
            synchronized (open) {
                if (idleSweep == null) {
                    idleSweep = scheduler.scheduleWithFixedDelay(this::closeIdle, 60, 60, TimeUnit.SECONDS);
                }
            }
        }
        // Whoever does not say who they are in time is let go.
        scheduler.schedule(() -> {
            if (session.isOpen() && connection(session) == null) {
                close(session, CloseReason.CloseCodes.VIOLATED_POLICY, "no hello within " + HELLO_TIMEOUT_SECONDS + " s");
            }
        }, HELLO_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Closes the identified sockets that have been silent both ways for {@value #IDLE_TIMEOUT_SECONDS} s. */
    void closeIdle() {
        long since = System.nanoTime() - TimeUnit.SECONDS.toNanos(IDLE_TIMEOUT_SECONDS);
        for (Session session : open) {
            SocketConnection connection = connection(session);
            if (connection != null && connection.silentSince(since)) {
                close(session, CloseReason.CloseCodes.GOING_AWAY, "idle for " + IDLE_TIMEOUT_SECONDS / 60 + " min");
            }
        }
    }

    /** A message over the size limit: the connection is closed (1009) with a reason that says only that. */
    void tooBig(Session session) {
        close(session, CloseReason.CloseCodes.TOO_BIG, GameSocket.TOO_BIG);
    }

    /** A binary message: the protocol is text only; the connection is closed (1003). */
    void binary(Session session) {
        close(session, CloseReason.CloseCodes.CANNOT_ACCEPT, GameSocket.TEXT_ONLY);
    }

    void closed(Session session) {
        open.remove(session);
        SocketConnection connection = connection(session);
        if (connection != null) {
            remove(connection);
            live.left(connection);
        }
    }

    /**
     * One whole message (at most {@value ClientMessages#MAX_MESSAGE_BYTES} bytes, assembled by {@link GameSocket}):
     * read strictly, then checked in this order: hello first, who may send it, its fields; only then acted on.
     */
    void received(Session session, String gameId, String text) {
        long receivedNanos = System.nanoTime(); // an answer's acknowledgement is timed from here (answer_ack_seconds)
        if (!withinRate(session)) {
            return;
        }
        ClientMessages.Reading reading = ClientMessages.read(text);
        if (reading instanceof ClientMessages.Refused bad && bad.type() == null) {
            error(session, bad.code(), bad.field(), bad.message());
            return;
        }
        ClientMessage.MessageType type = reading instanceof ClientMessages.Read read ? read.message().type()
                : ((ClientMessages.Refused) reading).type();
        SocketConnection connection = connection(session);
        if (connection != null) {
            connection.active(receivedNanos);
        }
        if (connection == null && type != ClientMessage.MessageType.HELLO) {
            error(session, "hello-first", null, "Say hello first: {\"type\":\"hello\",\"role\":\"player\"|\"host\",\"token\":\"...\"}.");
            return;
        }
        if (connection != null && type == ClientMessage.MessageType.HELLO) {
            error(session, "already-identified", null, "This connection is already identified.");
            return;
        }
        if (type.hostCommand() && !connection.host()) {
            error(session, "host-only", null, "Only the game's host can " + type.wireName() + ".");
            return;
        }
        if (type == ClientMessage.MessageType.ANSWER && connection.host()) {
            error(session, "players-only", null, "Only players answer; the host's screen shows the question.");
            return;
        }
        if (reading instanceof ClientMessages.Refused bad) {
            if (type == ClientMessage.MessageType.ANSWER) {
                send(session, LiveMessages.json(new ServerMessage.AnswerRefused(bad.questionIndex(), bad.code(), bad.field(), bad.message())));
            } else {
                error(session, bad.code(), bad.field(), bad.message());
            }
            return;
        }
        ClientMessage message = ((ClientMessages.Read) reading).message();
        if (message instanceof ClientMessage.Hello hello) {
            hello(session, gameId, hello);
        } else if (message instanceof ClientMessage.Answer answer) {
            // Where an answer's trace starts: its event, decision, score and the score's push all follow from here.
            try (Traced span = tracing.span("ws answer", gameId)) {
                live.answer(connection, answer.questionIndex(), answer.optionIds(), answer.text(), receivedNanos);
            }
        } else if (message instanceof ClientMessage.Kick kick) {
            hostCommand(connection, type, kick.playerId());
        } else if (type.hostCommand()) {
            hostCommand(connection, type, null);
        } else {
            send(session, LiveMessages.json(new ServerMessage.Pong(Instant.now().toString())));
        }
    }

    private void hello(Session session, String gameId, ClientMessage.Hello message) {
        String token = message.token();
        Game game;
        try {
            game = live.game(gameId);
        } catch (IllegalArgumentException | ProblemException e) {
            close(session, CloseReason.CloseCodes.VIOLATED_POLICY, "unknown game");
            return;
        }
        if (message.role() == ClientMessage.Role.PLAYER) {
            Optional<PlayerTokens.PlayerClaims> claims = playerTokens.verify(token);
            if (claims.isEmpty()) {
                error(session, "invalid-token", null, "This player token is not valid (expired or not ours). Join again with the PIN.");
            } else if (!claims.get().gameId().equals(gameId)) {
                error(session, "wrong-game", null, "This player token belongs to another game. Connect to that game, or join this one with its PIN.");
            } else {
                live.playerHello(new SocketConnection(session, outbound(session), this, gameId, claims.get().playerId(), false, false), game);
            }
        } else {
            Optional<AccessTokenVerifier.Host> host = hostTokens.verify(token);
            if (host.isEmpty()) {
                error(session, "invalid-token", null, "This access token is not valid (expired, logged out or not ours). Log in again.");
            } else {
                live.hostHello(new SocketConnection(session, outbound(session), this, gameId, host.get().userId(), true, host.get().admin()),
                        game, host.get().admin());
            }
        }
    }

    private void hostCommand(SocketConnection connection, ClientMessage.MessageType type, String playerId) {
        Instant now = Instant.now();
        try {
            games.hostCommand(new Actor(connection.userId(), connection.admin()), java.util.UUID.fromString(connection.gameId()), game -> {
                switch (type) {
                    case START -> game.start(now);
                    case NEXT -> game.next(now);
                    case SKIP -> game.skip(now);
                    case END -> game.end(now);
                    case KICK -> game.kick(playerId, now);
                    default -> throw new IllegalArgumentException("not a host command: " + type);
                }
                return null;
            });
        } catch (ProblemException e) {
            error(connection.session(), "refused", null, e.getMessage());
        }
    }

    // The connections by game (GameConnections), for LiveGames.

    @Override
    public void add(Connection connection) {
        SocketConnection socket = (SocketConnection) connection;
        socket.session().getUserProperties().put(CONNECTION, socket);
        byGame.computeIfAbsent(socket.gameId(), g -> new GameRoom()).add(socket);
    }

    @Override
    public Collection<Connection> of(String gameId) {
        GameRoom room = byGame.get(gameId);
        return room == null ? List.of() : room.all();
    }

    @Override
    public Collection<Connection> hostsOf(String gameId) {
        GameRoom room = byGame.get(gameId);
        return room == null ? List.of() : room.hosts();
    }

    @Override
    public Collection<Connection> ofPlayer(String gameId, String playerId) {
        GameRoom room = byGame.get(gameId);
        return room == null ? List.of() : room.player(playerId);
    }

    /** Sessions the container closed without telling us (none expected) are dropped here, when counted. */
    @Override
    public long openSockets() {
        open.removeIf(session -> !session.isOpen());
        return open.size();
    }

    @Override
    public void forget(String gameId) {
        byGame.remove(gameId);
    }

    void remove(SocketConnection connection) {
        GameRoom room = byGame.get(connection.gameId());
        if (room != null) {
            room.remove(connection);
        }
    }

    /** At most {@value #MAX_MESSAGES_PER_SECOND} messages a second; five times that closes the connection. */
    private boolean withinRate(Session session) {
        long second = System.currentTimeMillis() / 1000;
        long[] window = (long[]) session.getUserProperties().computeIfAbsent(RATE, k -> new long[]{second, 0});
        synchronized (window) {
            if (window[0] != second) {
                window[0] = second;
                window[1] = 0;
            }
            window[1]++;
            if (window[1] > MAX_MESSAGES_PER_SECOND * 5L) {
                close(session, CloseReason.CloseCodes.VIOLATED_POLICY, "too many messages");
                return false;
            }
            if (window[1] > MAX_MESSAGES_PER_SECOND) {
                error(session, "slow-down", null, "At most " + MAX_MESSAGES_PER_SECOND + " messages a second.");
                return false;
            }
            return true;
        }
    }

    /** An {@code error} reply; {@code field} names the member at fault, when one is. */
    private void error(Session session, String code, String field, String message) {
        send(session, LiveMessages.json(new ServerMessage.Error(code, field, message)));
    }

    private void send(Session session, String json) {
        if (properties(session) != EMPTY) {
            outbound(session).send(json);
        }
    }

    private void close(Session session, CloseReason.CloseCode code, String reason) {
        if (properties(session) != EMPTY) {
            outbound(session).close(code, reason);
        }
    }

    private static final Map<String, Object> EMPTY = Map.of();

    /** A session's properties; none once the container let go of it (a server stopping), never null. */
    private static Map<String, Object> properties(Session session) {
        Map<String, Object> properties = session.getUserProperties();
        return properties != null ? properties : EMPTY;
    }

    /** The connection once its hello was accepted, else null (also once the session is gone). */
    private static SocketConnection connection(Session session) {
        return (SocketConnection) properties(session).get(CONNECTION);
    }

    private Outbound outbound(Session session) {
        return (Outbound) session.getUserProperties().computeIfAbsent(OUTBOUND, k -> new Outbound(session, writers));
    }
}
