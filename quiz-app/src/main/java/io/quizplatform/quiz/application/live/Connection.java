package io.quizplatform.quiz.application.live;

/**
 * One identified connection to a live game on this instance, a host's or a player's, as the socket adapter gives it
 * to the application: who is on it, and a queue of texts to write to it in order.
 */
public interface Connection {

    String gameId();

    /** The player's id, or the host's user id. */
    String userId();

    boolean host();

    /** Queues the text; the same string may go to thousands of connections. */
    void send(String text);

    /** Queues the text; {@code written} runs as its write starts (not if the connection is gone by then). */
    void send(String text, Runnable written);

    /**
     * A reply the player is waiting for (an answer's receipt), written without waiting for the server's pool when
     * nothing else is on its way to this connection; otherwise queued behind it, as {@link #send(String, Runnable)}.
     * Not for what the fan-out's one thread sends (decisions, score lines): writing those on that thread slowed the
     * whole fan-out (100 games of 100: "locked in" p95 4.5 s before, 6.5 s with it).
     */
    void sendNow(String text, Runnable written);

    /**
     * Closes the connection for breaking the game's rules (1008) once what was queued before has been written, and
     * forgets it at once (nothing more is sent to it).
     */
    void close(String reason);

    /** A removed player's connection: told ({@code kicked}), then closed. */
    default void kick() {
        send(LiveMessages.json(ServerMessage.Kicked.BY_HOST));
        close("kicked");
    }
}
