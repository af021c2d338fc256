package io.quizplatform.platform.messaging;

import java.util.List;

/**
 * The answer of {@code GET <service>/api/admin/dead-letters}.
 *
 * @param service   this service (its consumer group)
 * @param dlqTopics its dead-letter topics, one per consumed topic
 * @param total     how many records the dead-letter topics hold at the time of the call
 * @param limit     the cap applied
 * @param truncated whether older records are parked than this page lists
 * @param next      when truncated, the cursor of the next (older) page: {@code ?before=} it; null otherwise
 * @param entries   the page's parked records, newest first
 */
public record DeadLetterList(String service, List<String> dlqTopics, long total, int limit, boolean truncated,
                             String next, List<DeadLetterEntry> entries) {
}
