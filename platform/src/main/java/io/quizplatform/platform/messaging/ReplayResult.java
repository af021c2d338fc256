package io.quizplatform.platform.messaging;

import java.time.Instant;

/**
 * The answer of {@code POST <service>/api/admin/dead-letters/{dlqTopic}/{partition}/{offset}/replay}: which record,
 * which event, and what its replay did ({@code outcome}: applied, duplicate or failed, with the error of a failed
 * one), as recorded in {@code dead_letter_replays}.
 *
 * @param attempts how many times this record has been replayed, this time included
 * @param forced   whether the replay was forced past an earlier successful one
 */
public record ReplayResult(String dlqTopic, int partition, long offset, String sourceTopic, Integer sourcePartition,
                           Long sourceOffset, String eventId, String eventType, String outcome, String error,
                           Instant replayedAt, String replayedBy, String replayedByName, int attempts, boolean forced) {
}
