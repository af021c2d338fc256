package io.quizplatform.platform.outbox;

import io.quizplatform.platform.messaging.EventRecords;
import io.quizplatform.platform.persistence.ReportedByCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import io.quizplatform.platform.messaging.EventSender;
import io.quizplatform.platform.tracing.Tracing;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One relay step, in one database transaction: take the oldest unpublished rows, send them, wait for the broker's
 * acknowledgement, mark them published. A row is marked only after Kafka has it, so a crash anywhere means a
 * resend (consumers deduplicate), never a loss.
 */
@ApplicationScoped
public class OutboxBatch {

    /** Only one relay per database at a time, so events leave in the order they were committed. */
    private static final long RELAY_LOCK = 0x5155_495A_4F42L;

    @Inject
    EntityManager entityManager;

    /** What a step did; {@code sent} are the rows the broker acknowledged, in the order they were published. */
    public record Result(boolean lockHeld, int published, int attempted, String error, List<OutboxMessage> sent) {
        public Result(boolean lockHeld, int published, int attempted, String error) {
            this(lockHeld, published, attempted, error, List.of());
        }

        static Result busy() { return new Result(false, 0, 0, null); }
    }

    @Transactional
    @ReportedByCaller
    @SuppressWarnings("unchecked")
    public Result publishNext(EventSender sender, int limit, long ackTimeoutMillis, boolean firstAlone) {
        Boolean locked = (Boolean) entityManager.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, RELAY_LOCK)
                .getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return Result.busy();
        }
        // Read-only: the rows are marked below by one statement, so they need no copy kept for change tracking.
        List<OutboxMessage> rows = entityManager.createNativeQuery(
                        "SELECT * FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT ?1 FOR UPDATE SKIP LOCKED",
                        OutboxMessage.class)
                .setParameter(1, limit)
                .setHint("eclipselink.read-only", "true")
                .getResultList();
        if (rows.isEmpty()) {
            return new Result(true, 0, 0, null);
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>(rows.size());
        String error = null;
        for (OutboxMessage row : rows) {
            try {
                ProducerRecord<String, String> record = EventRecords.of(row.getTopic(), row.getMessageKey(),
                        row.getEnvelope(), row.getEventId().toString(), row.getEventType());
                // The trace of whoever appended the event goes on from here (the send's span is its child).
                Tracing.attach(row.getTrace(), record.headers());
                acks.add(sender.send(record));
            } catch (RuntimeException e) {
                error = e.toString();
                break;
            }
            if (firstAlone && acks.size() == 1 && rows.size() > 1 && !settled(acks.get(0), ackTimeoutMillis)) {
                // The broker did not take the first row: the others are not handed over. Once handed over, a row is
                // sent by the connector whatever became of the rows before it, so with the broker back between two
                // sends (each waits up to max.block.ms for it) a later row would land ahead of an earlier one.
                break;
            }
        }
        int published = 0;
        // Mark the acknowledged prefix only: a later row must not overtake an earlier one that failed.
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(ackTimeoutMillis, TimeUnit.MILLISECONDS);
                published++;
            } catch (Exception e) {
                error = e.getCause() != null ? e.getCause().toString() : e.toString();
                break;
            }
        }
        // One statement for the step's rows rather than an UPDATE each (a relay step is up to OUTBOX_BATCH_SIZE rows).
        if (published > 0) {
            entityManager.createQuery("UPDATE OutboxMessage m SET m.publishedAt = :now, m.attempts = m.attempts + 1, "
                            + "m.lastError = NULL WHERE m.id IN :ids")
                    .setParameter("now", Instant.now())
                    .setParameter("ids", rows.subList(0, published).stream().map(OutboxMessage::getId).toList())
                    .executeUpdate();
        }
        if (published < rows.size()) {
            entityManager.createQuery("UPDATE OutboxMessage m SET m.attempts = m.attempts + 1, m.lastError = :error "
                            + "WHERE m.id = :id")
                    .setParameter("error", OutboxMessage.storableError(error))
                    .setParameter("id", rows.get(published).getId())
                    .executeUpdate();
        }
        return new Result(true, published, rows.size(), error, List.copyOf(rows.subList(0, published)));
    }

    /**
     * Waits for the row's acknowledgement: true once the broker took it. A row not taken in time is given up on
     * (completed with the timeout), so the marking below does not wait for it a second time.
     */
    private static boolean settled(CompletableFuture<Void> ack, long timeoutMillis) {
        try {
            ack.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ack.completeExceptionally(e);
            return false;
        } catch (java.util.concurrent.TimeoutException e) {
            ack.completeExceptionally(e);
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return false; // the marking below reads the failure again and records it
        }
    }

    /**
     * The rows still to be sent and the age in seconds of the oldest of them (0 when none), in one query over the
     * partial index of unpublished rows; the age is measured on the database's clock, as the rows were stamped.
     *
     * @throws RuntimeException when the database can't say
     */
    public Pending pending() {
        Object[] row = (Object[]) entityManager.createNativeQuery(
                        "SELECT count(*), COALESCE(EXTRACT(EPOCH FROM (now() - min(created_at))), 0)"
                                + " FROM outbox WHERE published_at IS NULL")
                .getSingleResult();
        return new Pending(((Number) row[0]).longValue(), Math.max(0, ((Number) row[1]).doubleValue()));
    }

    /** What {@link #pending()} found: rows not yet published, and how long the oldest has waited. */
    public record Pending(long rows, double oldestAgeSeconds) {
    }

    /**
     * Published rows are kept a while for operators, then dropped so the table stays small: at most {@code limit} of
     * them, the oldest (a week of answers is millions of rows; one statement for all of them held the relay, whose
     * thread runs this, for as long as it took, and repeated it after a failure). SQL, not JPQL: a delete of a
     * bounded number of rows needs a LIMIT (ADR 0003); rows another instance is deleting are skipped, not waited for.
     */
    @Transactional
    @ReportedByCaller
    public int purgePublishedBefore(Instant cutoff, int limit) {
        return entityManager.createNativeQuery("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox "
                        + "WHERE published_at < ?1 ORDER BY id LIMIT ?2 FOR UPDATE SKIP LOCKED)")
                .setParameter(1, java.sql.Timestamp.from(cutoff))
                .setParameter(2, limit)
                .executeUpdate();
    }
}
