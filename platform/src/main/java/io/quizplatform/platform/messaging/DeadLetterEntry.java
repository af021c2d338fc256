package io.quizplatform.platform.messaging;

import java.time.Instant;

/**
 * One parked record as the operator sees it (listing and detail of {@code <service>/api/admin/dead-letters}).
 *
 * @param dlqTopic             where it is parked, e.g. {@code answer-events.scoring-app.dlq}
 * @param partition            its partition in the dead-letter topic
 * @param offset               its offset there: with the two above, the record's address for a replay
 * @param key                  the record key (the aggregate id)
 * @param sourceTopic          the topic it was consumed from (header {@code dlq-source-topic})
 * @param sourcePartition      its partition there
 * @param sourceOffset         its offset there
 * @param eventId              the event id, when the value is an event envelope
 * @param eventType            the event type, likewise
 * @param error                why it was parked (header {@code dlq-error})
 * @param parkedAt             when (header {@code dlq-parked-at}, else the record timestamp)
 * @param replayable           whether the value is an event envelope at all (a malformed record can't be replayed)
 * @param notReplayableBecause why not, when not
 * @param replay               the latest replay, or null when never replayed
 * @param replayedSuccessfully whether the latest replay applied the event or found it already applied
 */
public record DeadLetterEntry(String dlqTopic, int partition, long offset, String key, String sourceTopic,
                              Integer sourcePartition, Long sourceOffset, String eventId, String eventType,
                              String error, Instant parkedAt, boolean replayable, String notReplayableBecause,
                              DeadLetterReplay replay, boolean replayedSuccessfully) {
}
