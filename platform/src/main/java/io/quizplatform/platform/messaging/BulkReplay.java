package io.quizplatform.platform.messaging;

import java.util.List;

/**
 * The answer of {@code POST <service>/api/admin/dead-letters/{dlqTopic}/replay}: what was replayed, oldest first.
 *
 * @param dlqTopic        the dead-letter topic
 * @param replays         each replay made, in order, with its outcome ({@code applied}, {@code duplicate}, {@code failed})
 * @param heldPartitions  the partitions where a replay failed: the rest of each was left for a later call
 * @param stillWaiting    how many of the records read still wait for a successful replay after this call
 * @param unread          how many records were not read: each partition is read up to its {@code limit}-th waiting
 *                        record, and what lies after it is left for a later call (most of it waits too)
 * @param notEvents       how many of the records read are not events and can never be replayed
 * @param stopped         why the call stopped before its limit, or null: {@value #STOPPED_TIME_BUDGET} (it ran
 *                        for its 15 s) or {@value #STOPPED_DATABASE} (the database went out of reach; the record
 *                        it was at still waits)
 */
public record BulkReplay(String dlqTopic, List<ReplayResult> replays, List<Integer> heldPartitions, long stillWaiting,
                         long unread, long notEvents, String stopped) {

    public static final String STOPPED_TIME_BUDGET = "time-budget";
    public static final String STOPPED_DATABASE = "database-unreachable";
}
