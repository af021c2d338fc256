package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.platform.persistence.SqlValues;
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

    private static final String COLUMNS = "event_id, outcome, error, replayed_at, replayed_by, replayed_by_name, attempts";

    @Inject
    EntityManager entityManager;

    /** The replays recorded for records of these dead-letter topics. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Map<Address, DeadLetterReplay> of(List<String> dlqTopics) {
        Map<Address, DeadLetterReplay> byAddress = new HashMap<>();
        if (dlqTopics.isEmpty()) {
            return byAddress;
        }
        StringBuilder in = new StringBuilder();
        for (int i = 1; i <= dlqTopics.size(); i++) {
            in.append(i > 1 ? ", " : "").append('?').append(i);
        }
        var query = entityManager.createNativeQuery("SELECT dlq_topic, partition_no, offset_no, " + COLUMNS
                + " FROM dead_letter_replays WHERE dlq_topic IN (" + in + ")");
        for (int i = 0; i < dlqTopics.size(); i++) {
            query.setParameter(i + 1, dlqTopics.get(i));
        }
        for (Object[] row : (List<Object[]>) query.getResultList()) {
            byAddress.put(new Address((String) row[0], ((Number) row[1]).intValue(), ((Number) row[2]).longValue()),
                    replay(row, 3));
        }
        return byAddress;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public Optional<DeadLetterReplay> find(String dlqTopic, int partition, long offset) {
        List<Object[]> rows = entityManager.createNativeQuery("SELECT " + COLUMNS
                        + " FROM dead_letter_replays WHERE dlq_topic = ?1 AND partition_no = ?2 AND offset_no = ?3")
                .setParameter(1, dlqTopic)
                .setParameter(2, partition)
                .setParameter(3, offset)
                .getResultList();
        return rows.stream().findFirst().map(row -> replay(row, 0));
    }

    /**
     * Records a replay, replacing the record's previous one (attempts counts on while the record holds the same
     * event; a different event at that address, after the topic was created anew, starts again at 1).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public DeadLetterReplay record(String dlqTopic, int partition, long offset, String sourceTopic, EventEnvelope event,
                                   ReplayOutcome outcome, String error, String replayedBy, String replayedByName) {
        Object[] row = (Object[]) entityManager.createNativeQuery(
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
                                + "RETURNING " + COLUMNS)
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
        return replay(row, 0);
    }

    private static DeadLetterReplay replay(Object[] row, int from) {
        return new DeadLetterReplay(String.valueOf(row[from]), (String) row[from + 1], (String) row[from + 2],
                SqlValues.instant(row[from + 3]), (String) row[from + 4], (String) row[from + 5], ((Number) row[from + 6]).intValue());
    }

    static String cap(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
