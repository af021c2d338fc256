package io.quizplatform.platform;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A failure that repeats while a dependency is away (every reconnect of every phone, every tick of a timer): said
 * when it starts, then at most once per interval with how many happened since, and once more when it stops. An
 * outage fills the log with a few lines instead of one per attempt.
 */
public final class RepeatedFailure {

    private final Logger log;
    private final String what;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final AtomicLong unsaid = new AtomicLong();
    private final AtomicLong lastSaid;
    private volatile boolean failing;

    /** {@code what} names the failure for an operator: "hellos not served, told to try again (1013)". */
    public RepeatedFailure(Logger log, String what, Duration interval) {
        this(log, what, interval, System::nanoTime);
    }

    RepeatedFailure(Logger log, String what, Duration interval, LongSupplier nanoClock) {
        this.log = log;
        this.what = what;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        this.lastSaid = new AtomicLong(nanoClock.getAsLong() - intervalNanos - 1);
    }

    /** One more occurrence; {@code context} says where (a game id), the cause is described by its deepest exception. */
    public void occurred(String context, Throwable cause) {
        failing = true;
        long count = unsaid.incrementAndGet();
        long now = nanoClock.getAsLong();
        long last = lastSaid.get();
        if (now - last > intervalNanos && lastSaid.compareAndSet(last, now)) {
            unsaid.addAndGet(-count);
            log.warning(what + ": " + count + (count == 1 ? " time" : " times") + " since the last such line; "
                    + context + ": " + Failures.describe(cause));
        }
        log.log(Level.FINE, what + ": " + context, cause);
    }

    /** The thing worked again: said once if it had been failing, with what was not said yet. */
    public void recovered() {
        if (failing) {
            failing = false;
            long count = unsaid.getAndSet(0);
            lastSaid.set(nanoClock.getAsLong() - intervalNanos - 1);
            log.info(what + ": works again" + (count > 0 ? " (" + count + " more since the last line)" : ""));
        }
    }

    /** Whether the last word was a failure (and no success came since). */
    public boolean failing() {
        return failing;
    }
}
