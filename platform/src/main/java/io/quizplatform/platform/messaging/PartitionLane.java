package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.platform.Failures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The records of one topic partition that MicroProfile Reactive Messaging handed to this service, applied in offset
 * order on the managed executor (never on the connector's thread). Each record is applied once
 * ({@link ProcessedEvents}) and acknowledged only after it was applied or parked; the connector commits acknowledged
 * offsets, so a crash re-reads what was not yet applied.
 *
 * <p>A burst is applied together: the first record waits {@link #GATHER_MILLIS} for the ones that follow, and up to
 * {@link #GATHER_MAX} of them go in one transaction. If that fails they go one by one. A record that fails holds up
 * this lane only, for as long as it is really retried ({@link RetryRounds}: each round MicroProfile Fault
 * Tolerance's quick retries, then an exponentially longer wait), and is then parked in the consumer's dead-letter
 * topic; other partitions go on meanwhile. A dependency that is away (the database) costs no round and parks nothing.
 */
final class PartitionLane {

    private static final Logger LOG = Logger.getLogger(PartitionLane.class.getName());

    /** Once a record comes, how long the lane waits for the ones that follow before it applies them. */
    static final long GATHER_MILLIS = 25;

    /** At most this many records are applied in one transaction. */
    static final int GATHER_MAX = 500;

    /**
     * How long a lane that is behind goes on applying batch after batch on one thread before it hands itself back to
     * the executor. Handed back after every batch, it queued behind the server's other work each time: in a
     * 10,000-player burst answer-app's lane waited p95 0.05-0.3 s before each batch of 500 (2026-12-05).
     */
    static final long KEEP_GOING_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** How long a lane waits when a dependency (the database, Kafka for the dead-letter topic) is away. */
    static final long OUTAGE_WAIT_MILLIS = 1000;

    /** What a lane shares with the other lanes of its consumer. */
    record Context(String consumer, io.quizplatform.contracts.Topic topic, List<EventHandler> handlers, EventDelivery delivery,
                   RetryRounds rounds, Supplier<Producer<String, String>> deadLetters, ScheduledExecutorService executor,
                   Executor inModule, ConsumerCounters counters, boolean tracing, Runnable parkFailed) {
    }

    /** Counts what became of each record (the {@code events.consumed} metric). */
    interface ConsumerCounters {
        void applied(long n);

        void duplicates(long n);

        void deadLettered();

        /** A record of a type no handler of the topic wants, acknowledged without being applied. */
        void ignored();

        /**
         * A record the lane will apply reached it from the connector: {@code sentAtMillis} is its Kafka timestamp (the
         * {@code events.received.latency} timer: the producer's queue, the broker and the fetch, before this service's
         * own wait and work).
         */
        void received(long sentAtMillis);

        /**
         * A record is done with (applied, a duplicate, or parked): {@code sentAtMillis} is its Kafka timestamp, when its
         * producer sent it (the {@code events.consumed.latency} timer).
         */
        void done(long sentAtMillis);
    }

    private final Context context;
    private final String name;
    private final Deque<DeliveredRecord> waiting = new ArrayDeque<>();
    /** Guarded by this: a drain is scheduled or running (at most one at a time keeps the order). */
    private boolean draining;
    private boolean open;
    /** The record being retried and the rounds it has had; touched by the draining thread only. */
    private volatile long heldOffset = -1;
    private int heldRounds;

    PartitionLane(Context context, int partition) {
        this.context = context;
        this.name = context.topic().topicName() + "/" + partition;
    }

    /**
     * Queues a record; the lane applies it after the gathering wait (once the service has opened its lanes). A record
     * whose type header names a type none of the topic's handlers wants is acknowledged at once instead: nothing to
     * decode, apply or mark as processed (scoring-app skips every answer on quiz-events this way). The connector
     * commits acknowledged offsets only up to the first one still unacknowledged, so this never commits past a record
     * that is waiting or retried.
     */
    void add(DeliveredRecord delivered) {
        if (wantedByNone(delivered.record())) {
            try {
                delivered.acknowledge();
                context.counters().ignored();
                return;
            } catch (RuntimeException e) {
                // Not thrown at the connector, whose stream would end: the lane takes the record like any other.
                LOG.log(Level.FINE, name + ": could not acknowledge an ignored record at once; the lane takes it", e);
            }
        }
        context.counters().received(delivered.record().timestamp());
        synchronized (this) {
            waiting.add(delivered);
            if (draining || !open) {
                return;
            }
            draining = true;
        }
        schedule(GATHER_MILLIS);
    }

    /** A record without the type header (an older producer) is decoded and offered to the handlers as before. */
    private boolean wantedByNone(ConsumerRecord<String, String> record) {
        String type = EventRecords.eventType(record);
        if (type.isEmpty()) {
            return false;
        }
        for (EventHandler handler : context.handlers()) {
            if (handler.handles(type)) {
                return false;
            }
        }
        return true;
    }

    /** Lets the lane apply records (after the service's schema is in place); what waited is applied now. */
    void open() {
        synchronized (this) {
            open = true;
            if (draining || waiting.isEmpty()) {
                return;
            }
            draining = true;
        }
        schedule(0);
    }

    /** Stops applying; records not yet acknowledged are read again by whoever reads the partition next. */
    synchronized void close() {
        open = false;
    }

    synchronized int waiting() {
        return waiting.size();
    }

    synchronized boolean retrying() {
        return heldOffset >= 0;
    }

    private void schedule(long delayMillis) {
        try {
            context.executor().schedule(() -> context.inModule().execute(this::drain), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // The executor is shutting down with the application: the records stay unacknowledged and are read again.
            LOG.log(Level.FINE, name + ": could not schedule the lane", e);
            synchronized (this) {
                draining = false;
            }
        }
    }

    void drain() {
        long started = System.nanoTime();
        while (drainOnce(started)) {
            // Behind: what came while the batch was applied goes next, on this thread.
        }
    }

    /** Applies one batch; true when the lane should go on with the next one at once on this thread. */
    private boolean drainOnce(long started) {
        List<DeliveredRecord> batch;
        synchronized (this) {
            if (!open) {
                draining = false;
                return false;
            }
            batch = new ArrayList<>(Math.min(waiting.size(), GATHER_MAX));
            while (batch.size() < GATHER_MAX && !waiting.isEmpty()) {
                batch.add(waiting.poll());
            }
        }
        long retryIn = OUTAGE_WAIT_MILLIS;
        try {
            retryIn = apply(batch);
        } catch (RuntimeException | Error e) {
            // Whatever it was, the lane must go on: what was not acknowledged goes back to the front, in order, and is
            // tried again shortly (a lane left draining with its batch dropped would hold up its partition for good).
            LOG.log(Level.SEVERE, name + ": unexpected failure, the records are tried again", e);
            synchronized (this) {
                for (int j = batch.size() - 1; j >= 0; j--) {
                    if (!batch.get(j).acknowledged()) {
                        waiting.addFirst(batch.get(j));
                    }
                }
            }
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                schedule(OUTAGE_WAIT_MILLIS);
                throw e;
            }
        }
        synchronized (this) {
            if (retryIn < 0 && waiting.isEmpty()) {
                draining = false;
                return false;
            }
            if (retryIn < 0 && System.nanoTime() - started < KEEP_GOING_NANOS) {
                return true;
            }
        }
        schedule(Math.max(retryIn, 0));
        return false;
    }

    /** Applies the batch in order; returns -1 when all were done, otherwise the wait before the rest is tried again. */
    private long apply(List<DeliveredRecord> batch) {
        if (heldOffset < 0 && applyTogether(batch)) {
            for (DeliveredRecord delivered : batch) {
                delivered.acknowledge();
                context.counters().done(delivered.record().timestamp());
            }
            return -1;
        }
        for (int i = 0; i < batch.size(); i++) {
            DeliveredRecord delivered = batch.get(i);
            int roundsSoFar = heldOffset == delivered.record().offset() ? heldRounds : 0;
            Attempt attempt = handle(delivered.record(), roundsSoFar);
            if (attempt.done()) {
                heldOffset = -1;
                heldRounds = 0;
                delivered.acknowledge();
                context.counters().done(delivered.record().timestamp());
                continue;
            }
            heldOffset = delivered.record().offset();
            heldRounds = attempt.outage() ? roundsSoFar : roundsSoFar + 1;
            synchronized (this) {
                // This record and the ones after it go back to the front, in order.
                for (int j = batch.size() - 1; j >= i; j--) {
                    waiting.addFirst(batch.get(j));
                }
            }
            return attempt.waitMillis();
        }
        return -1;
    }

    /**
     * How one attempt at a record ended: done with (applied, duplicate or parked), or to be tried again after a wait;
     * a wait for a dependency that is away (an outage) does not use up one of the record's rounds.
     */
    record Attempt(boolean done, long waitMillis, boolean outage) {
        static final Attempt DONE = new Attempt(true, 0, false);
        static final Attempt OUTAGE = new Attempt(false, OUTAGE_WAIT_MILLIS, true);

        static Attempt retryIn(long millis) {
            return new Attempt(false, millis, false);
        }
    }

    /**
     * The fast path: the whole batch in one transaction (a burst of answers costs one commit, not one per answer).
     * Any problem (a malformed record, a failing handler) rolls it all back and returns false; the records then go
     * one by one, with retries and the dead-letter topic.
     */
    private boolean applyTogether(List<DeliveredRecord> batch) {
        if (batch.size() == 1) {
            return false;
        }
        List<EventEnvelope> events = new ArrayList<>(batch.size());
        // The records' trace contexts, gathered only when there is a trace to continue.
        List<Headers> traces = context.tracing() ? new ArrayList<>(batch.size()) : null;
        for (DeliveredRecord delivered : batch) {
            try {
                events.add(EventCodec.decode(delivered.record().value()));
            } catch (EventCodec.MalformedEventException e) {
                return false;
            }
            if (traces != null) {
                traces.add(delivered.record().headers());
            }
        }
        try {
            int appliedNow = context.delivery().deliverTogether(context.consumer(), context.topic().topicName(), events,
                    traces, context.handlers());
            context.counters().applied(appliedNow);
            context.counters().duplicates(events.size() - appliedNow);
            return true;
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            LOG.log(Level.FINE, context.consumer() + ": a batch of " + events.size() + " failed together, applying one by one", e);
            return false;
        }
    }

    /** One attempt at one record. */
    private Attempt handle(ConsumerRecord<String, String> record, int roundsSoFar) {
        EventEnvelope event;
        try {
            event = EventCodec.decode(record.value());
        } catch (EventCodec.MalformedEventException e) {
            return park(record, e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return park(record, "not decodable: " + Failures.describe(e));
        }
        String consumer = context.consumer();
        try {
            if (context.delivery().deliver(consumer, record.topic(), event, record.headers(), context.handlers())) {
                context.counters().applied(1);
            } else {
                context.counters().duplicates(1);
            }
            if (roundsSoFar > 0) {
                LOG.info(() -> consumer + ": event " + event.id() + " applied after " + roundsSoFar + " retries");
            }
            return Attempt.DONE;
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            // A handler's error (a recursion too deep, a class that does not link) is this event's failure like an
            // exception: retried in rounds, then parked, never the end of the lane.
            Throwable cause = Failures.rootCause(e);
            if (RetryRounds.isOutage(e)) {
                // The database (or another dependency) is away: nothing wrong with the event. Parking would send
                // every event of the outage to the dead-letter topic; wait and try it again instead.
                LOG.log(Level.FINE, () -> consumer + ": event " + event.id() + " not applied, a dependency is away ("
                        + cause.getClass().getSimpleName() + "); trying again shortly");
                return Attempt.OUTAGE;
            }
            if (roundsSoFar < context.rounds().count()) {
                long wait = context.rounds().backoffMillis(roundsSoFar);
                LOG.log(Level.INFO, () -> consumer + ": event " + event.id() + " (" + event.type() + ") at " + name + "@"
                        + record.offset() + " failed (" + Failures.describe(e) + "); its partition waits " + wait
                        + " ms, the others go on");
                return Attempt.retryIn(wait);
            }
            LOG.warning(() -> consumer + ": event " + event.id() + " (" + event.type() + ") failed after " + roundsSoFar
                    + " retries: " + Failures.describe(e));
            return park(record, Failures.describe(e));
        }
    }

    private Attempt park(ConsumerRecord<String, String> record, String error) {
        ProducerRecord<String, String> parked = DeadLetterParking.parked(context.topic(), context.consumer(), record.key(),
                record.value(), error, record.partition(), record.offset());
        try {
            context.deadLetters().get().send(parked).get(10, TimeUnit.SECONDS);
            context.counters().deadLettered();
            LOG.warning(() -> context.consumer() + ": parked record " + name + "@" + record.offset() + " in " + parked.topic()
                    + " (an operator can replay it): " + error);
            return Attempt.DONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.OUTAGE;
        } catch (Exception e) {
            LOG.warning(() -> context.consumer() + ": could not park record in " + parked.topic() + " ("
                    + Failures.describe(e) + "); trying again shortly");
            context.parkFailed().run(); // a dead-letter topic deleted is created again
            return Attempt.OUTAGE;
        }
    }
}
