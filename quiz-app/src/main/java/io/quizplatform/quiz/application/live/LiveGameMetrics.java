package io.quizplatform.quiz.application.live;

import io.quizplatform.quiz.domain.game.GamePhase;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What an operator watches of the live games on this instance (MicroProfile Metrics, application scope):
 * <ul>
 *   <li>{@code answer_ack_seconds} (timer): from a player's answer frame arriving to its {@code answer-received}
 *   written back to the connection, for every answer acknowledged (refusals are not timed). Buckets from
 *   {@code mp.metrics.distribution.timer.buckets} (quiz-app's microprofile-config.properties), so Prometheus gets
 *   {@code answer_ack_seconds_bucket} for a p95 alert.</li>
 *   <li>{@code quiz_game_join_seconds} (timer): from a join message arriving on the join socket to its {@code joined}
 *   queued for the connection, for every join the game took (refusals are not timed): the group commit's wait and
 *   work, not the handshake before it. Buckets from the same key.</li>
 *   <li>{@code quiz_game_push_seconds} (timer): from the start of a push of a game's new phase or question (the
 *   preview, the open question, its close, the results, the end: its texts built, then handed to each connection) to
 *   the moment the last of the game's connections on this instance began writing it: how long the server takes to
 *   serve a whole room, apart from the network and the phones. A push some of whose connections never write (closed
 *   meanwhile) is timed to its last write that did, {@value #PUSH_SETTLE_SECONDS} s after it started.</li>
 *   <li>{@code quiz_sockets_open} (gauge): the game WebSockets open on this instance, identified or not yet.</li>
 *   <li>{@code quiz_sockets_dropped_total{reason}} (counter): connections let go with 1013 because they fell
 *   {@code too-slow} to keep up (a phone whose network cannot take what it is sent) or a write to them
 *   {@code write-failed}; the phones reconnect by themselves.</li>
 *   <li>{@code quiz_games_live} (gauge): games not ended with at least one connection on this instance (a game
 *   whose players are spread over instances counts on each of them).</li>
 * </ul>
 * Gauges are computed when scraped, from what the instance holds in memory (no I/O).
 */
@ApplicationScoped
public class LiveGameMetrics {

    /** A push some of whose connections never wrote is timed this long after it started (at its last write). */
    static final int PUSH_SETTLE_SECONDS = 10;
    /** Why a connection was let go with 1013 (the {@code reason} of {@code quiz_sockets_dropped_total}). */
    public static final String TOO_SLOW = "too-slow";
    public static final String WRITE_FAILED = "write-failed";
    private static final List<String> DROP_REASONS = List.of(TOO_SLOW, WRITE_FAILED);

    @Inject
    MetricRegistry metrics;

    @Inject
    GameViews views;

    @Inject
    GameConnections connections;

    private volatile Timer acknowledgements;
    private volatile Timer joins;
    private volatile Timer pushes;
    /** The drop counters by reason, looked up once (a drop may be counted on the container's callback thread). */
    private final Map<String, Counter> dropped = new ConcurrentHashMap<>();

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Registered at start, so the series exist (at zero) before the first game. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1200) @Initialized(ApplicationScoped.class) Object ignored) {
        register();
    }

    synchronized void register() {
        if (acknowledgements != null) {
            return;
        }
        acknowledgements = metrics.timer("answer.ack");
        joins = metrics.timer("quiz.game.join");
        pushes = metrics.timer("quiz.game.push");
        metrics.gauge("quiz.sockets.open", this, LiveGameMetrics::socketsOpen);
        for (String reason : DROP_REASONS) {
            dropped.put(reason, metrics.counter("quiz.sockets.dropped", new Tag("reason", reason)));
        }
        metrics.gauge("quiz.games.live", this, LiveGameMetrics::gamesLive);
    }

    /** A connection was let go with 1013: {@code reason} is {@link #TOO_SLOW} or {@link #WRITE_FAILED}. */
    public void connectionDropped(String reason) {
        Counter counter = dropped.get(reason);
        if (counter != null) {
            counter.inc();
        }
    }

    /** An answer's acknowledgement was written; {@code receivedNanos} is {@link System#nanoTime()} of its frame. */
    public void answerAcknowledged(long receivedNanos) {
        since(acknowledgements, receivedNanos);
    }

    /** A join on the join socket was answered {@code joined}; {@code receivedNanos} is when its frame arrived. */
    public void joinAnswered(long receivedNanos) {
        since(joins, receivedNanos);
    }

    /**
     * A push to {@code connections} connections, started at {@code startNanos} ({@link System#nanoTime()}): each of
     * them runs the returned callback as its write starts, and the last one times the push. One that never writes
     * (closed meanwhile, or dropped for falling behind) would leave the push untimed, and those are the slow ones: so a
     * push not complete after {@value #PUSH_SETTLE_SECONDS} s is timed to the last write that did start.
     */
    public Push pushStarted(long startNanos, int connections) {
        Timer timer = pushes;
        Push push = new Push(timer == null ? null : timer::update, startNanos, connections);
        if (scheduler != null && connections > 0) {
            scheduler.schedule(push::settle, PUSH_SETTLE_SECONDS, TimeUnit.SECONDS);
        }
        return push;
    }

    /** One push being timed: {@link #run} as each connection's write starts. */
    public static final class Push implements Runnable {
        /** Where the push's time goes (the timer), null before the timers are registered. */
        private final Consumer<Duration> timer;
        private final long startNanos;
        private final AtomicInteger left;
        private final AtomicLong lastWriteNanos = new AtomicLong(Long.MIN_VALUE);
        private final AtomicBoolean timed = new AtomicBoolean();

        Push(Consumer<Duration> timer, long startNanos, int connections) {
            this.timer = timer;
            this.startNanos = startNanos;
            this.left = new AtomicInteger(connections);
        }

        @Override
        public void run() {
            long now = System.nanoTime();
            lastWriteNanos.accumulateAndGet(now, Math::max);
            if (left.decrementAndGet() == 0) {
                time(now);
            }
        }

        /** Times the push to its last write so far, unless it is timed already (or nothing was written). */
        void settle() {
            long last = lastWriteNanos.get();
            if (last != Long.MIN_VALUE) {
                time(last);
            }
        }

        private void time(long endNanos) {
            if (timer != null && timed.compareAndSet(false, true)) {
                timer.accept(Duration.ofNanos(Math.max(0, endNanos - startNanos)));
            }
        }
    }

    /** Times from {@code startNanos} ({@link System#nanoTime()}) to now; nothing before the timer is registered. */
    private static void since(Timer timer, long startNanos) {
        if (timer != null) {
            timer.update(Duration.ofNanos(Math.max(0, System.nanoTime() - startNanos)));
        }
    }

    long socketsOpen() {
        return connections.openSockets();
    }

    long gamesLive() {
        long[] live = {0};
        views.forEach((gameId, game) -> {
            if (game.phase() != GamePhase.ENDED && !connections.of(gameId).isEmpty()) {
                live[0]++;
            }
        });
        return live[0];
    }
}
