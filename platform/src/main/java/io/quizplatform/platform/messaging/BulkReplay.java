package io.quizplatform.platform.messaging;

import java.util.List;

/**
 * The answer of {@code POST <service>/api/admin/dead-letters/{dlqTopic}/replay}: what was replayed, oldest first.
 *
 * @param dlqTopic        the dead-letter topic
 * @param replays         each replay made, in order, with its outcome ({@code applied}, {@code duplicate}, {@code failed})
 * @param heldPartitions  the partitions where a replay failed: the rest of each was left for a later call
 * @param stillWaiting    how many records of the topic still wait for a successful replay after this call
 * @param notEvents       how many records of the topic are not events and can never be replayed
 */
public record BulkReplay(String dlqTopic, List<ReplayResult> replays, List<Integer> heldPartitions, long stillWaiting,
                         long notEvents) {
}
