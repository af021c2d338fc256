package io.quizplatform.quiz.api.ws;

import io.quizplatform.quiz.application.live.Connection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A socket that said a valid hello, as the application sees it: who is on it and its write queue
 * ({@link Outbound}). Kept in the session's properties by {@link OpenSockets}.
 */
final class SocketConnection implements Connection {

    private final Session session;
    private final Outbound outbound;
    private final OpenSockets registry;
    private final String gameId;
    private final String userId;
    private final boolean host;
    private final boolean admin;
    /** A host's access token, from its hello: asked again before each command and by {@link HostSessionSweep}. */
    private final String hostToken;
    /** Set once the socket is gone and the connection let go of ({@link OpenSockets#closed}). */
    private final AtomicBoolean letGo = new AtomicBoolean();
    /** When a message last went either way ({@link System#nanoTime}): the idle sweep closes long-silent sockets. */
    private volatile long lastActiveNanos = System.nanoTime();

    SocketConnection(Session session, Outbound outbound, OpenSockets registry, String gameId, String userId,
                     boolean host, boolean admin, String hostToken) {
        this.session = session;
        this.outbound = outbound;
        this.registry = registry;
        this.gameId = gameId;
        this.userId = userId;
        this.host = host;
        this.admin = admin;
        this.hostToken = hostToken;
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

    boolean admin() {
        return admin;
    }

    String hostToken() {
        return hostToken;
    }

    Session session() {
        return session;
    }

    @Override
    public void send(String text) {
        active(System.nanoTime());
        outbound.send(text);
    }

    @Override
    public void send(String text, Runnable written) {
        active(System.nanoTime());
        outbound.send(text, written);
    }

    @Override
    public void sendNow(String text, Runnable written) {
        active(System.nanoTime());
        outbound.sendNow(text, written);
    }

    void active(long nanos) {
        lastActiveNanos = nanos;
    }

    /** True to the first caller only: the game counts a player out once per connection. */
    boolean letGo() {
        return letGo.compareAndSet(false, true);
    }

    boolean silentSince(long nanos) {
        return lastActiveNanos - nanos < 0;
    }

    @Override
    public void close(String reason) {
        outbound.close(CloseReason.CloseCodes.VIOLATED_POLICY, reason);
        registry.remove(this);
    }
}
