package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.EventEnvelope;
import org.junit.jupiter.api.Test;

import java.time.Instant;
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

        assertThat(waiting.oldestFirst()).containsExactly(p0o0, p1o0, p0o1, p0o2, p1o1);
        assertThat(waiting.count()).isEqualTo(5);
    }

    @Test
    void replayedOnesAndOnesThatAreNoEventsDoNotWaitAndOnlyTheFirstLimitAreKept() {
        DeadLetterWaiting waiting = new DeadLetterWaiting(2);
        ParkedRecord applied = event(0, 0, T);
        ParkedRecord duplicate = event(0, 1, T.plusSeconds(1));
        ParkedRecord failed = event(0, 2, T.plusSeconds(2));
        ParkedRecord never = event(0, 3, T.plusSeconds(3));
        ParkedRecord later = event(0, 4, T.plusSeconds(4));
        waiting.offer(applied, replay(applied, "applied"));
        waiting.offer(duplicate, replay(duplicate, "duplicate"));
        waiting.offer(failed, replay(failed, "failed"));
        waiting.offer(notAnEvent(0, 5), null);
        waiting.offer(never, null);
        waiting.offer(later, null);

        assertThat(waiting.oldestFirst()).containsExactly(failed, never);
        assertThat(waiting.count()).as("all that wait, kept or not").isEqualTo(3);
        assertThat(waiting.notEvents()).isEqualTo(1);
    }
}
