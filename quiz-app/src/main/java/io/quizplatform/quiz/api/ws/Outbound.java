package io.quizplatform.quiz.api.ws;

import io.quizplatform.quiz.application.live.LiveGameMetrics;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * What is still to be written to one connection, in order. Writes happen on pool threads, one connection at a
 * time per connection, so a broadcast to thousands of phones does not wait for each write in turn, and one phone
 * on a slow network cannot hold up the others. A connection that falls too far behind, or whose write fails, is
 * closed with 1013 (try again): the phone did nothing wrong, so it reconnects by itself and its welcome carries the
 * current state, its answer included (a 1008 would stop it for good). That close is made on the pool, never on the
 * thread that was sending: {@code Session.close} writes the closing handshake and may wait for the phone that stopped
 * reading (the WebSocket specification's close is synchronous), and the thread sending may be the fan-out's one
 * thread for every game. An answer's receipt skips the pool when the connection has nothing else on its way
 * ({@link #sendNow}: the container's asynchronous send).
 */
final class Outbound {

    private static final Logger LOG = Logger.getLogger(Outbound.class.getName());
    static final int MAX_PENDING = 64;

    private final Session session;
    private final Executor executor;
    /** Told why the connection was let go: {@link LiveGameMetrics#TOO_SLOW} or {@link LiveGameMetrics#WRITE_FAILED}. */
    private final Consumer<String> dropped;
    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    /** Set once the connection is being closed (a kick, falling behind, a failed write): nothing more is queued. */
    private final AtomicBoolean letGo = new AtomicBoolean();
    /**
     * Set when the close is reached in the queue and handed to the pool: a write admitted just before {@link #letGo}
     * but queued after the close must not go on the wire while the pool closes (Liberty's close would give up on
     * it and leave the connection open, with nothing to close it again).
     */
    private volatile boolean closing;

    Outbound(Session session, Executor executor, Consumer<String> dropped) {
        this.session = session;
        this.executor = executor;
        this.dropped = dropped;
    }

    void send(String text) {
        send(text, null);
    }

    /**
     * Queues the text; {@code written} (if any) runs on the writing thread as the write starts (not if the connection
     * is gone by then). Before the send rather than after it: the phone may read the text and answer before a thread
     * preempted after the send would run it (a fair-timing stamp missing for that answer).
     */
    void send(String text, Runnable written) {
        enqueue(() -> write(text, written));
    }

    private void write(String text, Runnable written) {
        try {
            if (!closing && session.isOpen()) {
                if (written != null) {
                    written.run();
                }
                session.getBasicRemote().sendText(text);
            }
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    /**
     * A write that failed leaves the phone without a message it waits for (a receipt, a question): closed, so that it
     * reconnects and its welcome says what it missed rather than waiting for what never comes.
     */
    private void failed(Throwable cause) {
        LOG.fine(() -> "could not send to " + session.getId() + ": " + cause);
        if (!session.isOpen()) {
            // The phone closed the connection meanwhile (or the server is stopping): nothing to let go or to count.
            letGo.set(true);
            pending.clear();
            return;
        }
        drop(LiveGameMetrics.WRITE_FAILED, "could not write; reconnect");
    }

    /**
     * Writes the text without a hop through the pool when nothing is queued or being written for this connection:
     * the container's asynchronous send, which never blocks the caller (a slow phone only delays its own
     * completion). Otherwise it is queued behind what is there, like {@link #send(String, Runnable)}. For the
     * replies a player waits on: under a burst the pool's queue held a queued write 0.3-0.8 s.
     */
    void sendNow(String text, Runnable written) {
        if (!admitted()) {
            return;
        }
        // The writes of this connection are ours only if nothing waits either (a drain that has just finished may
        // not have taken what was queued behind it yet): otherwise the text goes behind it, in order.
        if (!draining.compareAndSet(false, true)) {
            queue(() -> write(text, written));
            return;
        }
        if (closing) {
            release(); // admitted just before a close that has been handed to the pool since
            return;
        }
        if (!pending.isEmpty()) {
            pending.add(() -> write(text, written));
            startDrain();
            return;
        }
        try {
            session.getAsyncRemote().sendText(text, result -> {
                try {
                    if (!result.isOK()) {
                        failed(result.getException());
                    } else if (written != null) {
                        written.run();
                    }
                } finally {
                    release();
                }
            });
        } catch (RuntimeException e) {
            release();
            failed(e);
        }
    }

    /**
     * Runs {@code replies}, which queue texts for this connection, and writes what they queued on the calling thread
     * rather than the pool's, unless a drain is under way already (it then writes them, in order). For a join's
     * answer ({@code joined} and {@code welcome}) on the join answers' own threads: a connection just opened has
     * nothing in its send buffer, so these writes do not wait for the phone.
     */
    void writeHere(Runnable replies) {
        if (!draining.compareAndSet(false, true)) {
            replies.run();
            return;
        }
        try {
            replies.run();
        } finally {
            drain();
        }
    }

    /** The end of a direct write. */
    private void release() {
        size.decrementAndGet();
        handBack();
    }

    /**
     * The writes of this connection are free again; something queued meanwhile (between the last poll and now) must
     * not wait for the next message, so it gets a drain of its own.
     */
    private void handBack() {
        draining.set(false);
        if (!pending.isEmpty() && draining.compareAndSet(false, true)) {
            startDrain();
        }
    }

    /**
     * Closes the connection once what was queued before has been written (a kick's message, then its 1008); nothing
     * sent after it is written. The close is made on the pool like a drop's: the thread draining may be a join's.
     */
    void close(CloseReason.CloseCode code, String reason) {
        if (letGo.compareAndSet(false, true)) {
            closeLast(code, reason);
        }
    }

    private void enqueue(Runnable write) {
        if (admitted()) {
            queue(write);
        }
    }

    /**
     * Counts one more write, or closes a connection that has fallen too far behind (and drops what it had queued):
     * a phone on a slow network, told to come back.
     */
    private boolean admitted() {
        if (letGo.get()) {
            return false;
        }
        if (size.incrementAndGet() > MAX_PENDING) {
            size.decrementAndGet();
            drop(LiveGameMetrics.TOO_SLOW, "too slow to keep up; reconnect");
            return false;
        }
        return true;
    }

    /**
     * Stops writing to the connection (what was queued is dropped) and closes it with 1013 on the pool, once: the
     * phone is told to come back, and nobody waits for its closing handshake but a pool thread. The close waits behind
     * the write under way, if any: Liberty's close waits only a moment for a write on the wire, then gives up without
     * writing its close frame and leaves the connection open with nothing more coming (SlowPhoneIT). So a phone that
     * reads again gets the message being written, then the close. One that never reads again holds that write (and
     * its pool thread) until TCP gives up: Liberty's blocking send has no deadline, and waiting on its asynchronous
     * one instead made a 10,000-player broadcast take two minutes (README, "A phone that stops reading").
     */
    private void drop(String why, String reason) {
        if (!letGo.compareAndSet(false, true)) {
            return;
        }
        pending.clear();
        closeLast(CloseReason.CloseCodes.TRY_AGAIN_LATER, reason);
        dropped.accept(why);
    }

    /**
     * Queues the close behind what is queued (admitted even past {@link #MAX_PENDING}: nothing comes after it), to be
     * handed to the pool from the queue: the thread draining may be a join's ({@link #writeHere}), which must not
     * wait out a close's handshake.
     */
    private void closeLast(CloseReason.CloseCode code, String reason) {
        size.incrementAndGet();
        queue(() -> closeOnThePool(code, reason));
    }

    /** Queues a write already counted in {@code size}, and starts a drain unless one is running. */
    private void queue(Runnable write) {
        pending.add(write);
        if (draining.compareAndSet(false, true)) {
            startDrain();
        }
    }

    /**
     * Hands the queue to the executor. The executor refuses only while the server stops (its sockets are being
     * closed with 1001 anyway): what was queued is dropped, and nothing is thrown at whoever pushed the message.
     */
    private void startDrain() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            pending.clear();
            size.set(0);
            draining.set(false);
            LOG.fine(() -> "server stopping: nothing more is written to " + session.getId());
        }
    }

    private void drain() {
        try {
            for (Runnable write; (write = pending.poll()) != null; ) {
                size.decrementAndGet();
                write.run();
            }
        } finally {
            handBack();
        }
    }

    private void closeOnThePool(CloseReason.CloseCode code, String reason) {
        closing = true;
        try {
            executor.execute(() -> closeNow(code, reason));
        } catch (RejectedExecutionException e) {
            LOG.fine(() -> "server stopping: " + session.getId() + " is closed with it");
        }
    }

    private void closeNow(CloseReason.CloseCode code, String reason) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(code, reason));
            }
        } catch (IOException | IllegalStateException e) {
            LOG.fine(() -> "could not close " + session.getId() + ": " + e);
        }
    }
}
