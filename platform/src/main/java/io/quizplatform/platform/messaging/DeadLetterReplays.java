package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The {@code dead_letter_replays} table: the latest replay of each parked record, by its address. */
@ApplicationScoped
public class DeadLetterReplays {

    /** Where a parked record lies. */
    public record Address(String dlqTopic, int partition, long offset) {
    }

    @Inject
    EntityManager entityManager;

    /** The replays recorded for records of these dead-letter topics. */
    @Transactional
    public Map<Address, DeadLetterReplay> of(List<String> dlqTopics) {
        Map<Address, DeadLetterReplay> byAddress = new HashMap<>();
        if (dlqTopics.isEmpty()) {
            return byAddress;
        }
        entityManager.createQuery("SELECT r FROM DeadLetterReplayRecord r WHERE r.dlqTopic IN :topics", DeadLetterReplayRecord.class)
                .setParameter("topics", dlqTopics).getResultStream()
                .forEach(r -> byAddress.put(r.address(), r.view()));
        return byAddress;
    }

    /**
     * Where each partition of the topic (the one Kafka knows by {@code topicId} now) is dealt with up to
     * ({@code dead_letter_watermarks}): every record below the offset was replayed successfully or is no event, as the
     * last bulk replay of that partition found, unless a replay by its address failed since (then from that record).
     */
    @Transactional
    public Map<Integer, Long> handledBelow(String dlqTopic, String topicId) {
        Map<Integer, Long> below = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT w.partition_no, LEAST(w.handled_below, "
                        + "COALESCE(min(r.offset_no), w.handled_below)) FROM dead_letter_watermarks w "
                        + "LEFT JOIN dead_letter_replays r ON r.dlq_topic = w.dlq_topic AND r.partition_no = w.partition_no "
                        + "AND r.outcome = 'failed' AND r.offset_no < w.handled_below "
                        + "WHERE w.dlq_topic = ?1 AND w.topic_id = ?2 GROUP BY w.partition_no, w.handled_below")
                .setParameter(1, dlqTopic).setParameter(2, topicId).getResultList();
        rows.forEach(row -> below.put(((Number) row[0]).intValue(), ((Number) row[1]).longValue()));
        return below;
    }

    /**
     * The replays recorded for records of the topic that a bulk replay may read: at or above each partition's
     * {@link #handledBelow} offset, and those that failed.
     */
    @Transactional
    public Map<Address, DeadLetterReplay> notHandled(String dlqTopic, String topicId) {
        Map<Address, DeadLetterReplay> byAddress = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<DeadLetterReplayRecord> rows = entityManager.createNativeQuery("SELECT r.* FROM dead_letter_replays r "
                        + "LEFT JOIN dead_letter_watermarks w ON w.dlq_topic = r.dlq_topic AND w.partition_no = r.partition_no "
                        + "AND w.topic_id = ?2 "
                        + "WHERE r.dlq_topic = ?1 AND (r.offset_no >= COALESCE(w.handled_below, 0) OR r.outcome = 'failed')",
                        DeadLetterReplayRecord.class)
                .setParameter(1, dlqTopic).setParameter(2, topicId).getResultList();
        rows.forEach(r -> byAddress.put(r.address(), r.view()));
        return byAddress;
    }

    /**
     * Records where each of these partitions is dealt with up to (an upsert, SQL as ADR 0003 says). It may go down: a
     * failed replay below it, or a topic made anew.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void handledBelow(String dlqTopic, String topicId, Map<Integer, Long> below) {
        below.forEach((partition, offset) -> entityManager.createNativeQuery(
                        "INSERT INTO dead_letter_watermarks (dlq_topic, partition_no, topic_id, handled_below) "
                                + "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (dlq_topic, partition_no) DO UPDATE SET "
                                + "topic_id = EXCLUDED.topic_id, handled_below = EXCLUDED.handled_below, updated_at = now()")
                .setParameter(1, dlqTopic).setParameter(2, partition).setParameter(3, topicId).setParameter(4, offset)
                .executeUpdate());
    }

    @Transactional
    public Optional<DeadLetterReplay> find(String dlqTopic, int partition, long offset) {
        return Optional.ofNullable(entityManager.find(DeadLetterReplayRecord.class, new DeadLetterReplayRecord.Key(dlqTopic, partition, offset)))
                .map(DeadLetterReplayRecord::view);
    }

    /**
     * Records a replay, replacing the record's previous one (attempts counts on while the record holds the same
     * event; a different event at that address, after the topic was created anew, starts again at 1). An upsert
     * stays SQL (ADR 0003): two operators replaying one record at once must both be recorded, and the count must
     * go up by one each, which find-then-persist cannot promise without failing one of them.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public DeadLetterReplay record(String dlqTopic, int partition, long offset, String sourceTopic, EventEnvelope event,
                                   ReplayOutcome outcome, String error, String replayedBy, String replayedByName) {
        DeadLetterReplayRecord row = (DeadLetterReplayRecord) entityManager.createNativeQuery(
                        "INSERT INTO dead_letter_replays (dlq_topic, partition_no, offset_no, event_id, event_type, source_topic, "
                                + "outcome, error, replayed_by, replayed_by_name) "
                                + "VALUES (?1, ?2, ?3, CAST(?4 AS uuid), ?5, ?6, ?7, NULLIF(?8, ''), ?9, NULLIF(?10, '')) "
                                + "ON CONFLICT (dlq_topic, partition_no, offset_no) DO UPDATE SET "
                                + "attempts = CASE WHEN dead_letter_replays.event_id = EXCLUDED.event_id "
                                + "THEN dead_letter_replays.attempts + 1 ELSE 1 END, "
                                + "event_id = EXCLUDED.event_id, event_type = EXCLUDED.event_type, "
                                + "source_topic = EXCLUDED.source_topic, outcome = EXCLUDED.outcome, error = EXCLUDED.error, "
                                + "replayed_at = now(), replayed_by = EXCLUDED.replayed_by, "
                                + "replayed_by_name = EXCLUDED.replayed_by_name "
                                + "RETURNING *", DeadLetterReplayRecord.class)
                .setParameter(1, dlqTopic)
                .setParameter(2, partition)
                .setParameter(3, offset)
                .setParameter(4, UUID.fromString(event.id()).toString())
                .setParameter(5, cap(event.type(), 200))
                .setParameter(6, sourceTopic)
                .setParameter(7, outcome.wireName())
                .setParameter(8, error == null ? "" : cap(error, 2000))
                .setParameter(9, cap(replayedBy, 200))
                .setParameter(10, replayedByName == null ? "" : cap(replayedByName, 200))
                .getSingleResult();
        return row.view();
    }

    static String cap(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
