package io.quizplatform.quiz.api.ws;

import io.quizplatform.platform.NamedThreads;
import io.quizplatform.platform.RepeatedFailure;
import io.quizplatform.quiz.api.JoinLimits;
import io.quizplatform.quiz.application.GameHosting;
import io.quizplatform.quiz.application.JoinRefused;
import io.quizplatform.quiz.application.live.LiveGameMetrics;
import io.quizplatform.quiz.application.live.LiveGames;
import io.quizplatform.quiz.application.live.LiveMessages;
import io.quizplatform.quiz.application.live.ServerMessage;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;

/**
 * Joins on the join socket ({@code /quiz/ws/join}, docs/PROTOCOL.md): the same limits and rules as
 * {@code POST /quiz/api/games/players}, answered on the socket, which then carries the game. One request per phone
 * instead of two, and no thread waits for the join's commit: the welcome is sent when it completes.
 */
@ApplicationScoped
public class SocketJoins {

    private static final Logger LOG = Logger.getLogger(SocketJoins.class.getName());

    /** The session property in which {@link JoinSocketUpgrade} hands over the client's address. */
    static final String CLIENT_ADDRESS = "clientAddress";
    private static final String JOINING = "joining";
    private static final int ANSWER_THREADS = 2;

    @Inject
    GameHosting games;

    @Inject
    LiveGames live;

    @Inject
    OpenSockets sockets;

    @Inject
    JoinLimits limits;

    @Inject
    LiveGameMetrics metrics;

    @Resource
    ManagedThreadFactory threads;

    /**
     * Where a committed join is answered: threads of their own (from the container's factory), not the server's
     * pool, where the answers of a class joining at once queued behind the handshakes of the phones still arriving.
     */
    private ExecutorService answerThreads;

    private final RepeatedFailure unservedJoins = new RepeatedFailure(LOG, "joins not served, told to try again (1013)",
            Duration.ofMinutes(1));

    @PostConstruct
    void start() {
        answerThreads = Executors.newFixedThreadPool(ANSWER_THREADS, NamedThreads.of(threads, "quiz-app-join-answers"));
    }

    @PreDestroy
    void stop() {
        answerThreads.shutdownNow();
    }

    /** Whether the socket's join is being committed (its hello timeout waits for the answer). */
    static boolean joining(Session session) {
        return session.getUserProperties().containsKey(JOINING);
    }

    /** {@code receivedNanos}: {@link System#nanoTime()} of the join's frame, from which its answer is timed. */
    void join(Session session, ClientMessage.Join join, long receivedNanos) {
        if (session.getUserProperties().putIfAbsent(JOINING, Boolean.TRUE) != null) {
            error(session, "join-in-progress", null, "This connection is joining already; wait for the answer.");
            return;
        }
        try {
            String address = (String) session.getUserProperties().get(CLIENT_ADDRESS);
            Optional<JoinLimits.Refusal> overLimit = limits.attempt(address, join.pin());
            if (overLimit.isPresent()) {
                refused(session, "too-many-attempts", null, "Too many " + overLimit.get().what() + ". Try again in "
                        + overLimit.get().retryAfterSeconds() + " seconds.");
                return;
            }
            // Answered on threads of their own: the thread that completes the join is committing the game's joins,
            // and a group's welcomes one after another on it held up the next commit (500 joins/s: p95 15 s,
            // 2026-12-04). A refusal comes back on that thread too (no answer thread runs for a failed stage).
            // A PIN is known or not at once, before the game is asked: the stage is the join of a found PIN.
            CompletableFuture<GameHosting.Joined> joining = limits.joined(address, join.pin(),
                    () -> games.joinSoon(join.pin(), join.nickname(), answerThreads));
            joining.whenComplete((joined, failure) -> {
                if (failure == null) {
                    welcome(session, joined, receivedNanos);
                } else {
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    answerElsewhere(() -> failed(session, cause));
                }
            });
        } catch (RuntimeException e) {
            failed(session, e);
        }
    }

    private void welcome(Session session, GameHosting.Joined joined, long receivedNanos) {
        if (!session.isOpen() || session.getUserProperties() == null) {
            // The phone went away while its join committed (it gave up waiting): the player is in the game, and
            // comes back, if at all, with a hello. Nothing to send, and nothing went wrong here.
            return;
        }
        try {
            // Written here, not by the pool: the answers of a class joining at once waited there behind the
            // handshakes of the phones still arriving.
            sockets.writeHere(session, () -> {
                SocketConnection connection = sockets.player(session, joined.gameId(), joined.playerId());
                sockets.send(session, LiveMessages.json(new ServerMessage.Joined(joined.gameId(), joined.playerId(),
                        joined.nickname(), joined.playerToken(), readAt(receivedNanos).toString())));
                metrics.joinAnswered(receivedNanos);
                live.playerHello(connection, live.game(joined.gameId()));
            });
            unservedJoins.recovered();
        } catch (RuntimeException e) {
            failed(session, e);
        } finally {
            sockets.closedMeanwhile(session).ifPresent(live::left);
            joinEnded(session);
        }
    }

    private void answerElsewhere(Runnable answer) {
        try {
            answerThreads.execute(answer);
        } catch (RejectedExecutionException e) {
            // Stopping: the container closes the sockets with 1001.
            LOG.fine("stopping: a refused join not answered");
        }
    }

    /** The wall-clock time of a {@link System#nanoTime()} reading taken a moment ago. */
    private static Instant readAt(long nanos) {
        return Instant.now().minusNanos(System.nanoTime() - nanos);
    }

    /** A refused join keeps the connection (the player may try another nickname); a failure asks them to come back. */
    private void failed(Session session, Throwable failure) {
        if (failure instanceof JoinRefused refusal) {
            refused(session, refusal.code(), refusal.field(), refusal.getMessage());
            return;
        }
        unservedJoins.occurred("join", failure);
        joinEnded(session);
        sockets.close(session, CloseReason.CloseCodes.TRY_AGAIN_LATER, "try again");
    }

    private void refused(Session session, String code, String field, String message) {
        joinEnded(session);
        error(session, code, field, message);
    }

    /** The socket may take another join (after a refusal); its properties are gone once the container let it go. */
    private static void joinEnded(Session session) {
        Map<String, Object> properties = session.getUserProperties();
        if (properties != null) {
            properties.remove(JOINING);
        }
    }

    private void error(Session session, String code, String field, String message) {
        sockets.send(session, LiveMessages.json(new ServerMessage.Error(code, field, message)));
    }
}
