package io.quizplatform.platform.health;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Asks a dependency whether it is there, for a health check that must answer fast when the dependency does not:
 * the question runs on another thread, a probe waits for it at most {@code wait}, and a question still unanswered
 * is not asked again (later probes say at once that it has not answered for so long). A fresh answer is reused for
 * a moment, so a probe every second costs one question. Each change between reachable and not is logged once, in a
 * line an operator can act on.
 */
public final class DependencyProbe {

    private static final Logger LOG = Logger.getLogger(DependencyProbe.class.getName());
    /** How long a readiness probe waits for a dependency: several checks in one answer stay well under 1 s. */
    public static final Duration WAIT = Duration.ofMillis(500);
    /** How long an answer is reused. */
    public static final Duration FRESH = Duration.ofSeconds(1);

    /** What the dependency said: a detail when reachable, the reason when not. */
    public record Answer(boolean reachable, String detail) {
    }

    /** The question; throws (or returns not reachable) when the dependency is away. */
    public interface Question {
        Answer ask() throws Exception;
    }

    private final String name;
    private final Question question;
    private final Executor executor;
    private final long waitNanos;
    private final long freshNanos;
    private volatile CompletableFuture<Answer> asking;
    private volatile long askedAtNanos;
    private volatile Answer last;
    private volatile long lastAtNanos;
    private volatile Boolean wasReachable;

    public DependencyProbe(String name, Question question, Executor executor, Duration wait, Duration fresh) {
        this.name = name;
        this.question = question;
        this.executor = executor;
        this.waitNanos = wait.toNanos();
        this.freshNanos = fresh.toNanos();
    }

    /**
     * A single thread for one probe's questions, from the container's thread factory (so it runs in the module's
     * context). On the shared executor, questions stuck on a dependency that is away (Kafka's admin calls wait
     * seconds) delayed the database's question past its wait and made a healthy database look down.
     */
    public static java.util.concurrent.ExecutorService ownThread(java.util.concurrent.ThreadFactory threads, String purpose) {
        return java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
            Thread thread = threads.newThread(task);
            thread.setName("health-probe-" + purpose);
            return thread;
        });
    }

    public synchronized Answer probe() {
        CompletableFuture<Answer> pending = asking;
        if (pending != null && pending.isDone()) {
            // An answer that came in the background since the last probe.
            asking = null;
            remember(pending.join());
            pending = null;
        }
        long now = System.nanoTime();
        Answer known = last;
        if (known != null && now - lastAtNanos < freshNanos) {
            return known;
        }
        if (pending == null) {
            askedAtNanos = now;
            pending = CompletableFuture.supplyAsync(this::ask, executor);
            asking = pending;
        }
        boolean knownAway = known != null && !known.reachable();
        // Known to be away: say so at once while it is asked again in the background.
        long wait = knownAway ? 0 : Math.max(0, waitNanos - (now - askedAtNanos));
        try {
            Answer answer = pending.get(wait, TimeUnit.NANOSECONDS);
            asking = null;
            remember(answer);
            return answer;
        } catch (TimeoutException e) {
            if (knownAway) {
                return known;
            }
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - askedAtNanos);
            Answer silent = new Answer(false, name + " has not answered for " + waited + " ms");
            remember(silent);
            return silent;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(false, name + " not asked: interrupted");
        } catch (ExecutionException e) {
            asking = null;
            Answer failed = new Answer(false, name + " unreachable: " + e.getCause().getClass().getSimpleName());
            remember(failed);
            return failed;
        }
    }

    private Answer ask() {
        try {
            return question.ask();
        } catch (Exception e) {
            return new Answer(false, name + " unreachable: " + e.getClass().getSimpleName());
        }
    }

    private void remember(Answer answer) {
        last = answer;
        lastAtNanos = System.nanoTime();
        Boolean before = wasReachable;
        wasReachable = answer.reachable();
        if (before == null ? !answer.reachable() : before != answer.reachable()) {
            if (answer.reachable()) {
                LOG.info(() -> name + " is reachable again");
            } else {
                LOG.warning(() -> answer.detail() + " (reported by the readiness check until it is back)");
            }
        }
    }
}
