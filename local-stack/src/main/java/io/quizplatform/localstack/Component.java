package io.quizplatform.localstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One piece of the stack with a start/stop lifecycle. Start and stop are serialized per component;
 * {@link #abort()} lets a shutdown interrupt a long readiness wait without taking the lock.
 */
abstract class Component {

    enum State { DOWN, STARTING, UP, STOPPING, FAILED, EXTERNAL, DISABLED }

    /** A request that does not fit the component's state (e.g. starting an external Kafka). */
    static final class ConflictException extends RuntimeException {
        ConflictException(String message) {
            super(message);
        }
    }

    private volatile State state;
    private volatile boolean aborting;

    protected Component(State initial) {
        this.state = initial;
    }

    abstract String name();

    abstract int port();

    protected abstract void doStart() throws Exception;

    protected abstract void doStop() throws Exception;

    /** Hard stop (SIGKILL); components without a meaningful difference just stop. */
    protected void doKill() throws Exception {
        doStop();
    }

    /** Extra fields for /status. */
    protected void describe(Map<String, Object> into) {
    }

    State state() {
        return state;
    }

    boolean managed() {
        return state != State.EXTERNAL && state != State.DISABLED;
    }

    protected boolean aborting() {
        return aborting;
    }

    void abort() {
        aborting = true;
    }

    synchronized void start() throws Exception {
        requireManaged("start");
        if (state == State.UP) {
            return;
        }
        aborting = false;
        state = State.STARTING;
        long began = System.nanoTime();
        Log.info("starting " + name() + " ...");
        try {
            doStart();
            state = State.UP;
            Log.info(name() + " is up on port " + port() + " (" + seconds(began) + " s)");
        } catch (Exception e) {
            state = State.FAILED;
            Log.error(name() + " failed to start: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            try {
                doKill();
            } catch (Exception cleanup) {
                Log.error(name() + " cleanup after failed start: " + cleanup);
            }
            throw e;
        }
    }

    synchronized void stop() {
        stopWith(false);
    }

    synchronized void kill() {
        stopWith(true);
    }

    private void stopWith(boolean kill) {
        if (!managed()) {
            if (state == State.EXTERNAL) {
                throw new ConflictException(name() + " is external; not managed by local-stack");
            }
            return;
        }
        if (state == State.DOWN) {
            return;
        }
        state = State.STOPPING;
        long began = System.nanoTime();
        Log.info((kill ? "killing " : "stopping ") + name() + " ...");
        try {
            if (kill) {
                doKill();
            } else {
                doStop();
            }
            Log.info(name() + (kill ? " killed" : " stopped") + " (" + seconds(began) + " s)");
        } catch (Exception e) {
            Log.error(name() + " did not stop cleanly: " + e);
        } finally {
            state = State.DOWN;
        }
    }

    private void requireManaged(String action) {
        if (state == State.EXTERNAL) {
            throw new ConflictException("cannot " + action + " " + name() + ": it is external");
        }
        if (state == State.DISABLED) {
            throw new ConflictException("cannot " + action + " " + name() + ": it is disabled");
        }
    }

    Map<String, Object> status() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        map.put("port", port());
        describe(map);
        return map;
    }

    static String seconds(long startNanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9);
    }
}
