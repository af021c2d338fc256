package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.EventEnvelope;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterWaitingTest {

    static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    static ParkedRecord event(int partition, long offset, Instant parkedAt) {
        EventEnvelope event = new EventEnvelope(UUID.randomUUID().toString(), "answer.submitted", "game",
                UUID.randomUUID().toString(), 1, T, "{}");
        return new ParkedRecord("answer-events.scoring-app.dlq", partition, offset, "k", "{}", "answer-events", partition,
                offset, "down", parkedAt, event, null);
    }

    static ParkedRecord notAnEvent(int partition, long offset) {
        return new ParkedRecord("answer-events.scoring-app.dlq", partition, offset, "k", "{oops", "answer-events", partition,
                offset, "malformed", T, null, "not JSON");
    }

    static DeadLetterReplay replay(ParkedRecord record, String outcome) {
        return new DeadLetterReplay(record.eventId(), outcome, null, T, "admin", "Admin", 1);
    }

    @Test
    void whatWaitsIsReplayedOldestFirstEachPartitionInOffsetOrder() {
        DeadLetterWaiting waiting = new DeadLetterWaiting(10);
        ParkedRecord p0o0 = event(0, 0, T);
        ParkedRecord p0o1 = event(0, 1, T.plusSeconds(30));
        // Parked by an instance whose clock was behind: still after offset 1 of its partition.
        ParkedRecord p0o2 = event(0, 2, T.minusSeconds(60));
        ParkedRecord p1o0 = event(1, 0, T.plusSeconds(10));
        ParkedRecord p1o1 = event(1, 1, T.plusSeconds(40));
        for (ParkedRecord r : new ParkedRecord[]{p0o0, p0o1, p0o2}) {
            waiting.offer(r, null);
        }
        waiting.offer(p1o0, null);
        waiting.offer(p1o1, null);

        assertThat(at(replayedAll(waiting))).containsExactly(at(p0o0, p1o0, p0o1, p0o2, p1o1));
        assertThat(waiting.count()).isEqualTo(5);
    }

    @Test
    void replayedOnesAndOnesThatAreNoEventsDoNotWaitAndAPartitionIsFullOnceLimitWait() {
        DeadLetterWaiting waiting = new DeadLetterWaiting(2);
        ParkedRecord applied = event(0, 0, T);
        ParkedRecord duplicate = event(0, 1, T.plusSeconds(1));
        ParkedRecord failed = event(0, 2, T.plusSeconds(2));
        ParkedRecord never = event(0, 4, T.plusSeconds(3));
        assertThat(waiting.offer(applied, replay(applied, "applied"))).isTrue();
        assertThat(waiting.offer(duplicate, replay(duplicate, "duplicate"))).isTrue();
        assertThat(waiting.offer(failed, replay(failed, "failed"))).as("one of two waits").isTrue();
        assertThat(waiting.offer(notAnEvent(0, 3), null)).isTrue();
        assertThat(waiting.offer(never, null)).as("two wait: the rest of the partition is not wanted").isFalse();
        ParkedRecord other = event(1, 0, T.plusSeconds(5));
        assertThat(waiting.offer(other, null)).as("another partition").isTrue();

        assertThat(at(replayedAll(waiting))).as("limit replays in all").containsExactly(at(failed, never));
        assertThat(waiting.count()).isEqualTo(3);
        assertThat(waiting.notEvents()).isEqualTo(1);
    }

    @Test
    void aStopEndsTheReplayAtThatRecordWhichIsNotCountedAsReplayed() {
        DeadLetterWaiting waiting = new DeadLetterWaiting(10);
        ParkedRecord first = event(0, 0, T);
        ParkedRecord second = event(1, 0, T.plusSeconds(1));
        ParkedRecord third = event(0, 1, T.plusSeconds(2));
        for (ParkedRecord r : List.of(first, second, third)) {
            waiting.offer(r, null);
        }
        List<ParkedRecord> offered = new ArrayList<>();

        Set<Integer> held = waiting.replayOldestFirst(record -> {
            offered.add(record);
            return record.partition() == 1 ? DeadLetterWaiting.Step.STOP : DeadLetterWaiting.Step.GO_ON;
        });

        assertThat(at(offered)).as("nothing after the stop").containsExactly(at(first, second));
        assertThat(held).isEmpty();
    }

    /** Where each record was parked, "partition@offset" (a record is kept for its replay without its raw value). */
    private static String[] at(ParkedRecord... records) {
        return java.util.Arrays.stream(records).map(r -> r.partition() + "@" + r.offset()).toArray(String[]::new);
    }

    private static String[] at(List<ParkedRecord> records) {
        return at(records.toArray(ParkedRecord[]::new));
    }

    /** The records replayed, in order, all succeeding. */
    private static List<ParkedRecord> replayedAll(DeadLetterWaiting waiting) {
        List<ParkedRecord> replayed = new ArrayList<>();
        assertThat(waiting.replayOldestFirst(record -> {
            replayed.add(record);
            return DeadLetterWaiting.Step.GO_ON;
        })).as("partitions held").isEmpty();
        return replayed;
    }

    @Test
    void aFailureHoldsUpTheRestOfItsPartitionOnlyAndTheLimitCountsReplays() {
        DeadLetterWaiting waiting = new DeadLetterWaiting(4);
        // Read partition by partition (2, then 0, then 1), not in the order they were parked.
        ParkedRecord p2o0 = event(2, 0, T.plusSeconds(2));
        ParkedRecord p2o1 = event(2, 1, T.plusSeconds(5));
        ParkedRecord p0o0 = event(0, 0, T);
        ParkedRecord p0o1 = event(0, 1, T.plusSeconds(3));
        ParkedRecord p0o2 = event(0, 2, T.plusSeconds(6));
        ParkedRecord p1o0 = event(1, 0, T.plusSeconds(1));
        ParkedRecord p1o1 = event(1, 1, T.plusSeconds(4));
        ParkedRecord p1o2 = event(1, 2, T.plusSeconds(7));
        for (ParkedRecord r : List.of(p2o0, p2o1, p0o0, p0o1, p0o2, p1o0, p1o1, p1o2)) {
            waiting.offer(r, null);
        }
        List<ParkedRecord> replayed = new ArrayList<>();

        // Partition 1's first record fails: its later ones wait; partitions 0 and 2 go on, four replays in all.
        Set<Integer> held = waiting.replayOldestFirst(record -> {
            replayed.add(record);
            return record.partition() == 1 && record.offset() == 0
                    ? DeadLetterWaiting.Step.HOLD_PARTITION : DeadLetterWaiting.Step.GO_ON;
        });

        assertThat(at(replayed)).containsExactly(at(p0o0, p1o0, p2o0, p0o1));
        assertThat(held).containsExactly(1);
        assertThat(waiting.count()).isEqualTo(8);
        assertThat(replayed).allSatisfy(r -> assertThat(r.value()).as("the raw value is not kept").isNull());
    }

    /**
     * Where the next bulk replay starts in each partition: at its first waiting record not replayed successfully, or
     * where its read ended when every one was; records replayed before or no events below it count as dealt with.
     */
    @Test
    void eachPartitionIsDealtWithUpToItsFirstRecordNotReplayedSuccessfully() {
        DeadLetterWaiting waiting = new DeadLetterWaiting(10);
        ParkedRecord applied = event(0, 0, T);
        waiting.offer(applied, replay(applied, "applied"));
        waiting.offer(notAnEvent(0, 1), null);
        ParkedRecord p0o2 = event(0, 2, T.plusSeconds(1));
        ParkedRecord p0o3 = event(0, 3, T.plusSeconds(2));
        ParkedRecord p1o0 = event(1, 0, T.plusSeconds(3));
        ParkedRecord p1o1 = event(1, 1, T.plusSeconds(4));
        ParkedRecord p2o5 = event(2, 5, T.plusSeconds(5));
        for (ParkedRecord r : List.of(p0o2, p0o3, p1o0, p1o1, p2o5)) {
            waiting.offer(r, null);
        }

        // Partition 0 all replayed, partition 1's first fails, partition 2's is not reached (no time left).
        waiting.replayOldestFirst(record -> record.partition() == 1 ? DeadLetterWaiting.Step.HOLD_PARTITION
                : record.partition() == 2 ? DeadLetterWaiting.Step.STOP : DeadLetterWaiting.Step.GO_ON);

        assertThat(waiting.handledBelow(Map.of(0, 4L, 1, 2L, 2, 6L, 3, 9L)))
                .containsExactlyInAnyOrderEntriesOf(Map.of(0, 4L, 1, 0L, 2, 5L, 3, 9L));
    }
}
