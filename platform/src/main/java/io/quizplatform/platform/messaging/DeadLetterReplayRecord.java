package io.quizplatform.platform.messaging;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A row of {@code dead_letter_replays}, keyed by where the parked record lies. Written only by the upsert in
 * {@link DeadLetterReplays#record}, read through this entity. Out of EclipseLink's shared cache: every instance of
 * a service records replays. List this class in each persistence unit.
 */
@Entity
@Table(name = "dead_letter_replays")
@IdClass(DeadLetterReplayRecord.Key.class)
@Cacheable(false)
public class DeadLetterReplayRecord {

    /** The primary key: dead-letter topic, partition, offset. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private String dlqTopic;
        private int partitionNo;
        private long offsetNo;

        public Key() {
        }

        Key(String dlqTopic, int partitionNo, long offsetNo) {
            this.dlqTopic = dlqTopic;
            this.partitionNo = partitionNo;
            this.offsetNo = offsetNo;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && partitionNo == k.partitionNo && offsetNo == k.offsetNo && Objects.equals(dlqTopic, k.dlqTopic);
        }

        @Override
        public int hashCode() {
            return Objects.hash(dlqTopic, partitionNo, offsetNo);
        }
    }

    @Id
    @Column(name = "dlq_topic")
    private String dlqTopic;

    @Id
    @Column(name = "partition_no")
    private int partitionNo;

    @Id
    @Column(name = "offset_no")
    private long offsetNo;

    @Column(name = "event_id", nullable = false)
    private UUID eventId;

    @Column(name = "event_type", nullable = false)
    private String eventType;

    @Column(name = "source_topic", nullable = false)
    private String sourceTopic;

    @Column(nullable = false)
    private String outcome;

    private String error;

    @Column(name = "replayed_at", nullable = false)
    private Instant replayedAt;

    @Column(name = "replayed_by", nullable = false)
    private String replayedBy;

    @Column(name = "replayed_by_name")
    private String replayedByName;

    @Column(nullable = false)
    private int attempts;

    protected DeadLetterReplayRecord() {
    }

    DeadLetterReplays.Address address() {
        return new DeadLetterReplays.Address(dlqTopic, partitionNo, offsetNo);
    }

    DeadLetterReplay view() {
        return new DeadLetterReplay(String.valueOf(eventId), outcome, error, replayedAt, replayedBy, replayedByName, attempts);
    }
}
