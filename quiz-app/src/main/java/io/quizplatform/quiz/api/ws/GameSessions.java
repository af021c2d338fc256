package io.quizplatform.quiz.api.ws;

import io.quizplatform.platform.RepeatedFailure;
import io.quizplatform.platform.tracing.Traced;
import io.quizplatform.platform.tracing.Tracing;
import io.quizplatform.quiz.application.live.LiveGames;
import io.quizplatform.quiz.application.live.LiveMessages;
import io.quizplatform.quiz.application.live.ServerMessage;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The WebSocket side of the live game (docs/PROTOCOL.md): what arrives on this instance's game sockets. A message is
 * read strictly ({@link ClientMessages}), then checked in this order: the rate, hello first, who may send it, its
 * fields; hellos are authenticated by {@link SocketHellos} and handed to {@link LiveGames}, which decides what each
 * connection is sent; a host's commands go to {@link HostSockets}. The sockets themselves, by game, and their write
 * queues are {@link OpenSockets}.
 */
@ApplicationScoped
public class GameSessions {

    private static final Logger LOG = Logger.getLogger(GameSessions.class.getName());

    static final int MAX_MESSAGES_PER_SECOND = 10;
    static final long HELLO_TIMEOUT_SECONDS = 10;

    private static final String RATE = "rate";
    private static final String HELLO_BEING_SERVED = "hello-being-served";

    @Inject
    Tracing tracing;

    @Inject
    LiveGames live;

    @Inject
    SocketHellos hellos;

    @Inject
    HostSockets hosts;

    @Inject
    OpenSockets sockets;

    @Inject
    SocketJoins joins;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** An outage makes every phone's reconnect fail the same way: said when it starts, once a minute, when it ends. */
    private final RepeatedFailure unservedHellos = new RepeatedFailure(LOG, "hellos not served, told to try again (1013)",
            Duration.ofMinutes(1));

    /** The sockets that have not said hello yet, with the System.nanoTime by which they must have. */
    private final Map<Session, Long> awaitingHello = new ConcurrentHashMap<>();
    private final AtomicBoolean helloSweepScheduled = new AtomicBoolean();

    /** A socket opened for a game id that is no UUID in its canonical spelling: no such game (1008). */
    void unknownGame(Session session) {
        close(session, CloseReason.CloseCodes.VIOLATED_POLICY, "unknown game");
    }

    void opened(Session session, String gameId) {
        sockets.opened(session);
        // Whoever does not say who they are in time is let go. One sweep a second while any socket is unidentified,
        // rather than a managed timer per connection (a context captured and a task queued for each of 10,000 phones
        // while a class connects); none at all while every socket has said hello.
        awaitingHello.put(session, System.nanoTime() + TimeUnit.SECONDS.toNanos(HELLO_TIMEOUT_SECONDS));
        scheduleHelloSweep();
    }

    private void scheduleHelloSweep() {
        if (helloSweepScheduled.compareAndSet(false, true)) {
            scheduler.schedule(this::closeUnidentified, 1, TimeUnit.SECONDS);
        }
    }

    /**
     * Closes the sockets that no hello identified in time; a hello received in time but still being served (its game
     * read from a busy database) is waited for, and the socket closed after all if that hello was refused.
     */
    private void closeUnidentified() {
        long now = System.nanoTime();
        try {
            for (Map.Entry<Session, Long> waiting : awaitingHello.entrySet()) {
                Session session = waiting.getKey();
                if (!session.isOpen() || OpenSockets.connection(session) != null) {
                    awaitingHello.remove(session);
                } else if (now - waiting.getValue() >= 0 && !session.getUserProperties().containsKey(HELLO_BEING_SERVED)
                        && !SocketJoins.joining(session)) {
                    awaitingHello.remove(session);
                    close(session, CloseReason.CloseCodes.VIOLATED_POLICY, "no hello within " + HELLO_TIMEOUT_SECONDS + " s");
                }
            }
        } finally {
            // A socket opened while this ran either scheduled the next sweep itself or is seen here.
            helloSweepScheduled.set(false);
            if (!awaitingHello.isEmpty()) {
                scheduleHelloSweep();
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

    /**
     * Liberty reports a socket's failure (or an exception out of a handler) here and leaves the socket open: it is let
     * go of and closed (1013), so that the phone comes back with a hello rather than stays on a socket nothing is
     * pushed to any more.
     */
    void failed(Session session, Throwable failure) {
        closed(session);
        if (session.isOpen()) {
            // Our own code's failure is worth an operator's look; a network's is not.
            LOG.log(failure instanceof RuntimeException ? Level.WARNING : Level.FINE,
                    "a game socket failed; closed for the client to reconnect", failure);
            close(session, CloseReason.CloseCodes.TRY_AGAIN_LATER, "try again");
        }
    }

    void closed(Session session) {
        awaitingHello.remove(session);
        sockets.closed(session).ifPresent(live::left);
    }

    /**
     * One whole message (at most {@value ClientMessages#MAX_MESSAGE_BYTES} bytes, assembled by {@link GameSocket}):
     * read strictly, then checked in this order: hello (or join) first, who may send it, its fields; only then acted
     * on. {@code gameId} is the game socket's, null on the join socket.
     */
    void received(Session session, String gameId, String text) {
        // An answer's acknowledgement and a join's answer are timed from here (answer_ack_seconds, quiz_game_join_seconds).
        long receivedNanos = System.nanoTime();
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
        SocketConnection connection = OpenSockets.connection(session);
        if (connection != null) {
            connection.active(receivedNanos);
        }
        if (connection == null && gameId == null && type != ClientMessage.MessageType.JOIN) {
            error(session, "join-first", null, "Join first: {\"type\":\"join\",\"pin\":\"123456\",\"nickname\":\"...\"}. "
                    + "To come back to a game, say hello on /quiz/ws/games/{gameId}.");
            return;
        }
        if (gameId != null && type == ClientMessage.MessageType.JOIN) {
            error(session, "join-not-here", null, "Join on /quiz/ws/join (or POST /quiz/api/games/players), then say hello here.");
            return;
        }
        if (connection == null && type != ClientMessage.MessageType.HELLO && type != ClientMessage.MessageType.JOIN) {
            error(session, "hello-first", null, "Say hello first: {\"type\":\"hello\",\"role\":\"player\"|\"host\",\"token\":\"...\"}.");
            return;
        }
        if (connection != null && (type == ClientMessage.MessageType.HELLO || type == ClientMessage.MessageType.JOIN)) {
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
            session.getUserProperties().put(HELLO_BEING_SERVED, Boolean.TRUE);
            try {
                hellos.hello(session, gameId, hello);
                unservedHellos.recovered();
            } catch (RuntimeException e) {
                // The game could not be read (a database out, or its pool taken by a burst): the client is told to
                // come back rather than left waiting for a welcome that never comes. Browsers reconnect after 1013.
                unservedHellos.occurred("game " + gameId, e);
                close(session, CloseReason.CloseCodes.TRY_AGAIN_LATER, "try again");
            } finally {
                session.getUserProperties().remove(HELLO_BEING_SERVED);
            }
        } else if (message instanceof ClientMessage.Join join) {
            joins.join(session, join, receivedNanos);
        } else if (message instanceof ClientMessage.Answer answer) {
            // Where an answer's trace starts: its event, decision, score and the score's push all follow from here.
            try (Traced span = tracing.span("ws answer", connection.gameId())) {
                live.answer(connection, answer.questionIndex(), answer.optionIds(), answer.text(), receivedNanos);
            }
        } else if (message instanceof ClientMessage.Kick kick) {
            hosts.command(connection, type, kick.playerId());
        } else if (type.hostCommand()) {
            hosts.command(connection, type, null);
        } else {
            send(session, LiveMessages.json(new ServerMessage.Pong(Instant.now().toString())));
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
        sockets.send(session, json);
    }

    private void close(Session session, CloseReason.CloseCode code, String reason) {
        sockets.close(session, code, reason);
    }
}
