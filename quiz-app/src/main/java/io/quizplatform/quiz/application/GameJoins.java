package io.quizplatform.quiz.application;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.quiz.application.live.GameViews;
import io.quizplatform.quiz.domain.ConcurrentChange;
import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.domain.game.GameRuleViolation;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Joins to one game, committed in groups. Every command on a game queues on the game's row, so a class joining at
 * once would wait in a line of single transactions; instead the joins that arrive while one group commits go
 * together into the next: one transaction, one load of the game, one append of all their events. Each join is
 * still checked against the game's rules in order (nicknames, lobby cap), and answered only after its commit.
 */
@ApplicationScoped
public class GameJoins {

    private static final Logger LOG = Logger.getLogger(GameJoins.class.getName());
    static final int MAX_GROUP = 500;
    private static final int MAX_ATTEMPTS = 30;
    private static final long WAIT_SECONDS = 30;

    @Inject
    GameCommands commands;

    @Inject
    GameViews views;

    @Inject
    ServiceSettings settings;

    @Resource
    ManagedExecutorService executor;

    /** Where a joiner with its answer hands the queued joins over (the managed executor; a plain one in tests). */
    Executor handOffs;

    private record Request(String playerId, String nickname, Instant at, CompletableFuture<Game.Player> result) {
    }

    private final Map<UUID, Queue<Request>> waiting = new ConcurrentHashMap<>();
    private final Set<UUID> committing = ConcurrentHashMap.newKeySet();
    /** joinSoon's joins not answered yet, of any game: no caller of theirs comes back to take the turn. */
    private final AtomicInteger unattended = new AtomicInteger();

    /**
     * Joins the player to the game and returns once the join is committed; throws {@link JoinRefused}. The
     * waiting request threads take turns committing the queued group themselves (no other thread is needed, so a
     * busy thread pool cannot starve the commits).
     */
    public Game.Player join(UUID gameId, String playerId, String nickname) {
        Request request = new Request(playerId, nickname, Instant.now(), new CompletableFuture<>());
        Queue<Request> queue = queued(gameId, request);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!request.result().isDone()) {
            if (committing.add(gameId)) {
                try {
                    commitNextGroup(gameId, queue);
                } finally {
                    // Drop an emptied queue (a joiner still holding it drains it itself: each waits on its own).
                    waiting.computeIfPresent(gameId, (id, q) -> q.isEmpty() ? null : q);
                    committing.remove(gameId);
                }
            } else {
                try {
                    // Each look that finds nothing throws a TimeoutException (about a sixth of the join request's CPU
                    // samples while a class joins). Waits on a permit instead, tried 2026-12-04, measured no better:
                    // README Benchmarks, "Where a join's CPU goes".
                    request.result().get(5, TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // not yet, or done: the loop looks again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw JoinRefused.busy("Interrupted while joining; try again.");
                }
            }
            if (System.nanoTime() > deadline && !request.result().isDone()) {
                queue.remove(request);
                throw JoinRefused.busy("Joining takes too long right now; try again.");
            }
        }
        if (unattended.get() > 0 && waiting.containsKey(gameId)) {
            // Joins still queued may all be joinSoon's, whose callers do not come back to look: someone must take
            // the turn for them, and this thread has its answer to give. (Only then: in a burst of REST joins every
            // joiner would hand over a task that finds the turn taken.)
            handOffs.execute(() -> commitWhileQueued(gameId));
        }
        try {
            return request.result().join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /**
     * Joins the player to the game without waiting: the join is queued and the returned stage completes once it is
     * committed (or fails, with {@link JoinRefused} when the game did not take it). The calling thread commits the queued groups itself while no other
     * thread has the game's turn, so the joins never wait for a thread of their own; a caller that finds the turn
     * taken returns at once, and the holder commits its join with the next group. For callers that answer when the
     * stage completes (the join socket), not by blocking on it.
     */
    public CompletableFuture<Game.Player> joinSoon(UUID gameId, String playerId, String nickname) {
        Request request = new Request(playerId, nickname, Instant.now(), new CompletableFuture<>());
        unattended.incrementAndGet();
        request.result().whenComplete((player, failure) -> unattended.decrementAndGet());
        queued(gameId, request);
        commitWhileQueued(gameId);
        return request.result();
    }

    /** Adds the request to the game's queue; atomic with a committer dropping the emptied queue, so none is lost. */
    private Queue<Request> queued(UUID gameId, Request request) {
        return waiting.compute(gameId, (id, queue) -> {
            Queue<Request> q = queue != null ? queue : new ConcurrentLinkedQueue<>();
            q.add(request);
            return q;
        });
    }

    /**
     * Commits group after group while joins are queued and this thread gets the turn. Looking at the queue again
     * after giving the turn back closes the gap in which another caller found the turn taken and left its join
     * queued: either that caller got the turn, or this loop sees its join.
     */
    private void commitWhileQueued(UUID gameId) {
        Queue<Request> queue;
        while ((queue = waiting.get(gameId)) != null && committing.add(gameId)) {
            try {
                commitNextGroup(gameId, queue);
            } finally {
                waiting.computeIfPresent(gameId, (id, q) -> q.isEmpty() ? null : q);
                committing.remove(gameId);
            }
        }
    }

    private void commitNextGroup(UUID gameId, Queue<Request> queue) {
        List<Request> group = new ArrayList<>();
        for (Request r; group.size() < MAX_GROUP && (r = queue.poll()) != null; ) {
            group.add(r);
        }
        if (!group.isEmpty()) {
            commitInTurn(gameId, group);
        }
    }

    /**
     * At most half the pool's connections commit joins at once. A hundred classes joining together had a hundred
     * group commits queue on the quiz_db pool, whose waiters are woken one by one under one lock: connections sat
     * idle while the waiters queued, and every other use of the pool (a game's first read, the PIN lookups) waited
     * behind them. Here the commits wait in a fair queue of their own and leave the other half to the rest.
     */
    private Semaphore committers;

    @PostConstruct
    void start() {
        handOffs = executor;
        boundCommitters(Integer.parseInt(settings.fromServer("db.pool.max")) / 2);
    }

    void boundCommitters(int most) {
        committers = new Semaphore(Math.max(1, most), true);
    }

    private void commitInTurn(UUID gameId, List<Request> group) {
        committers.acquireUninterruptibly();
        try {
            commit(gameId, group);
        } finally {
            committers.release();
        }
    }

    private void commit(UUID gameId, List<Request> group) {
        for (int attempt = 1; ; attempt++) {
            Map<Request, JoinRefused> refused = new HashMap<>();
            try {
                Game game = commands.run(gameId, "players", g -> {
                    for (Request r : group) {
                        try {
                            g.join(r.playerId(), r.nickname(), r.at());
                        } catch (GameRuleViolation e) {
                            refused.put(r, JoinRefused.byRule(e));
                        }
                    }
                    return g;
                });
                // Each player says hello right after this answer. The fan-out brings the joins here only a moment
                // later, so without this every hello of a class joining at once read the game from the database
                // again, taking pool connections from these very commits.
                views.update(game);
                for (Request r : group) {
                    JoinRefused refusal = refused.get(r);
                    if (refusal != null) {
                        r.result().completeExceptionally(refusal);
                    } else {
                        r.result().complete(game.player(r.playerId()).orElseThrow());
                    }
                }
                return;
            } catch (ConcurrentChange e) {
                if (attempt >= MAX_ATTEMPTS) {
                    fail(group, JoinRefused.busy("The game is changing very fast right now; try again."));
                    return;
                }
            } catch (RuntimeException e) {
                if (!(e instanceof UnknownGame)) { // a game gone meanwhile is the joiners' answer, not a failure
                    LOG.log(Level.WARNING, "joins to game " + gameId + " failed", e);
                }
                fail(group, e);
                return;
            }
        }
    }

    private static void fail(List<Request> group, RuntimeException e) {
        group.forEach(r -> r.result().completeExceptionally(e));
    }
}
