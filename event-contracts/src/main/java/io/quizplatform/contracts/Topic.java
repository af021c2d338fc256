package io.quizplatform.contracts;

import java.time.Duration;

/**
 * The event backbone's topics, with the settings they are created with at start (never left to broker
 * auto-create). Every key is the aggregate id, so all events of one game or quiz land in one partition
 * and stay in order.
 */
public enum Topic {
    QUIZ_EVENTS("quiz-events", 6, Cleanup.DELETE, Duration.ofDays(7)),
    USER_EVENTS("user-events", 3, Cleanup.COMPACT, null),
    ANSWER_EVENTS("answer-events", 6, Cleanup.DELETE, Duration.ofDays(7)),
    SCORING_EVENTS("scoring-events", 6, Cleanup.DELETE, Duration.ofDays(14));

    /** Parked events stay long enough for an operator to look at them after a holiday. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

    public enum Cleanup { DELETE, COMPACT }

    private final String topicName;
    private final int partitions;
    private final Cleanup cleanup;
    private final Duration retention;

    Topic(String topicName, int partitions, Cleanup cleanup, Duration retention) {
        this.topicName = topicName;
        this.partitions = partitions;
        this.cleanup = cleanup;
        this.retention = retention;
    }

    public String topicName() { return topicName; }

    public int partitions() { return partitions; }

    public Cleanup cleanup() { return cleanup; }

    /** Retention of a delete-policy topic; {@code null} for compacted topics, which keep the latest value per key. */
    public Duration retention() { return retention; }

    /** One dead-letter topic per consumer (consumer group) and source topic: {@code <topic>.<consumer>.dlq}. */
    public String deadLetterTopicFor(String consumerGroup) {
        if (consumerGroup == null || !consumerGroup.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("consumer group must be lower-case letters, digits and dashes: " + consumerGroup);
        }
        return topicName + "." + consumerGroup + ".dlq";
    }

    public static Topic byName(String name) {
        for (Topic t : values()) {
            if (t.topicName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown topic " + name);
    }
}
