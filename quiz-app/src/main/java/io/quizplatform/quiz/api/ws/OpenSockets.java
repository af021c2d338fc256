package io.quizplatform.quiz.api.ws;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.quiz.application.live.Connection;
import io.quizplatform.quiz.application.live.GameConnections;
import io.quizplatform.quiz.application.live.LiveGameMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextServiceDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Every game socket open on this instance: identified ones by game (the port {@link GameConnections}), each with its
 * write queue ({@link Outbound}), and the sweep that lets go of the silent ones. {@link GameSessions} reads what
 * arrives on them.
 */
@ApplicationScoped
@ManagedExecutorDefinition(name = OpenSockets.SOCKET_WRITES, context = OpenSockets.SOCKET_WRITES_CONTEXT)
// A write needs the application's class loader and naming context, nothing of who queued it: capturing the default
// context (security above all) for each of the burst's writes was 3 % of the server's samples (100 games of 100).
@ContextServiceDefinition(name = OpenSockets.SOCKET_WRITES_CONTEXT, propagated = ContextServiceDefinition.APPLICATION,
        cleared = ContextServiceDefinition.TRANSACTION, unchanged = ContextServiceDefinition.ALL_REMAINING)
public class OpenSockets implements GameConnections {

    static final String SOCKET_WRITES = "java:module/concurrent/socket-writes";
    static final String SOCKET_WRITES_CONTEXT = "java:module/concurrent/socket-writes-context";

    private static final String CONNECTION = "connection";
    private static final String OUTBOUND = "outbound";
    private static final Map<String, Object> EMPTY = Map.of();

    @Inject
    ServiceSettings settings;

    @Inject
    LiveGameMetrics metrics;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource(lookup = SOCKET_WRITES)
    ManagedExecutorService writers;

    private final Map<String, GameRoom> byGame = new ConcurrentHashMap<>();
    /** Every game socket open here, identified or not (the sockets gauge). */
    private final Set<Session> open = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> idleSweep;
    /** A socket with no message either way for this long is closed (1001), as a dead phone's would never be. */
    private long idleTimeoutSeconds;

    /**
     * Created while the application starts, on its own thread: {@link #writers} is a {@code java:module} name, which
     * only a thread of this module can resolve. Left to the first caller, the bean could be made by a metrics scrape
     * (the sockets gauge), whose thread belongs to no module of ours: Liberty then injects null, and every socket of
     * the server fails for as long as it runs. Before every other start observer, the gauges' included.
     */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 900) @Initialized(ApplicationScoped.class) Object ignored) {
        // Observing is enough: the container made the bean to deliver the event.
    }

    /**
     * Not the container's idle timeout (setMaxIdleTimeout): Liberty cancels and reschedules a timer on its shared
     * scheduler for every message, and with 10,000 sockets each cancel scans a queue of 10,000 timers under one lock
     * (5 % of the server's samples in a 100-games-of-100 profile). One sweep a minute (or twice per timeout, if that
     * is shorter) does the same job.
     */
    @PostConstruct
    void startIdleSweep() {
        if (writers == null) {
            // Made outside the module (see onStart): refuse, so that the next caller, from the module, makes it right.
            throw new IllegalStateException(SOCKET_WRITES + " is not visible from this thread; the sockets' bean is made"
                    + " at the application's start");
        }
        // At least a second, as the other bounded settings are clamped rather than failing the bean at its first use.
        idleTimeoutSeconds = Math.max(1, settings.intValue("ws.idle.timeout.seconds", 300));
        long every = Math.max(1, Math.min(60, idleTimeoutSeconds / 2));
        idleSweep = scheduler.scheduleWithFixedDelay(this::closeIdle, every, every, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stopIdleSweep() {
        idleSweep.cancel(false);
    }

    void opened(Session session) {
        open.add(session);
    }

    /**
     * The session is gone: its connection (if it said hello) is let go of and returned, to one caller only. Liberty
     * reports a failed socket through onError and then onClose, and a hello served while the socket closed checks
     * again: the game must count the player out once (twice made a player with another socket open look offline,
     * and a question closed as answered by everyone before they answered).
     */
    Optional<SocketConnection> closed(Session session) {
        open.remove(session);
        SocketConnection connection = connection(session);
        if (connection == null || !connection.letGo()) {
            return Optional.empty();
        }
        remove(connection);
        return Optional.of(connection);
    }

    /**
     * {@link #closed} for a socket found closed after its hello or join was served: its close may have come before
     * its connection was listed and found nothing to let go of then (else the game would count a phone that is not
     * there, and never close a question early). Empty while the socket is open.
     */
    Optional<SocketConnection> closedMeanwhile(Session session) {
        return session.isOpen() ? Optional.empty() : closed(session);
    }

    /** Closes the identified sockets that have been silent both ways for the idle timeout. */
    void closeIdle() {
        long since = System.nanoTime() - TimeUnit.SECONDS.toNanos(idleTimeoutSeconds);
        for (Session session : open) {
            SocketConnection connection = connection(session);
            if (connection != null && connection.silentSince(since)) {
                close(session, CloseReason.CloseCodes.GOING_AWAY, idleReason());
            }
        }
    }

    private String idleReason() {
        return "idle for " + (idleTimeoutSeconds % 60 == 0 ? idleTimeoutSeconds / 60 + " min" : idleTimeoutSeconds + " s");
    }

    /** A player's connection for {@code session}, writing through the session's queue. */
    SocketConnection player(Session session, String gameId, String playerId) {
        return new SocketConnection(session, outbound(session), this, gameId, playerId, false, false, null);
    }

    /** A host's connection for {@code session}; it keeps the token of its hello, asked again before each command. */
    SocketConnection host(Session session, String gameId, String userId, boolean admin, String token) {
        return new SocketConnection(session, outbound(session), this, gameId, userId, true, admin, token);
    }

    /** The hosts' connections open here, every game's. */
    List<SocketConnection> hosts() {
        List<SocketConnection> hosts = new java.util.ArrayList<>();
        for (GameRoom room : byGame.values()) {
            for (Connection host : room.hosts()) {
                hosts.add((SocketConnection) host);
            }
        }
        return hosts;
    }

    // The connections by game (GameConnections), for LiveGames.

    @Override
    public void add(Connection connection) {
        SocketConnection socket = (SocketConnection) connection;
        // In its room first, then on its session: a close that finds it on its session finds it in its room too.
        byGame.computeIfAbsent(socket.gameId(), g -> new GameRoom()).add(socket);
        socket.session().getUserProperties().put(CONNECTION, socket);
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

    // Writing, through each session's queue.

    void send(Session session, String json) {
        if (properties(session) != EMPTY) {
            outbound(session).send(json);
        }
    }

    /** Runs {@code replies} and writes what they queue for this session on this thread ({@link Outbound#writeHere}). */
    void writeHere(Session session, Runnable replies) {
        if (properties(session) != EMPTY) {
            outbound(session).writeHere(replies);
        } else {
            replies.run();
        }
    }

    void close(Session session, CloseReason.CloseCode code, String reason) {
        if (properties(session) != EMPTY) {
            outbound(session).close(code, reason);
        }
    }

    /** The connection once its hello was accepted, else null (also once the session is gone). */
    static SocketConnection connection(Session session) {
        return (SocketConnection) properties(session).get(CONNECTION);
    }

    /** A session's properties; none once the container let go of it (a server stopping), never null. */
    private static Map<String, Object> properties(Session session) {
        Map<String, Object> properties = session.getUserProperties();
        return properties != null ? properties : EMPTY;
    }

    private Outbound outbound(Session session) {
        return (Outbound) session.getUserProperties().computeIfAbsent(OUTBOUND, k -> new Outbound(session, writers, metrics::connectionDropped));
    }
}
