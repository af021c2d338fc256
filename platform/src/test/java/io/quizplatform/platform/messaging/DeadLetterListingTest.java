package io.quizplatform.platform.messaging;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterListingTest {

    static DeadLetterEntry entry(String topic, int partition, long offset, Instant parkedAt) {
        return new DeadLetterEntry(topic, partition, offset, null, null, null, null, null, null, null, parkedAt,
                false, "x", null, false);
    }

    @Test
    void readsOnlyTheLastLimitOffsetsOfAPartition() {
        assertThat(DeadLetterListing.firstOffsetToRead(0, 10, 500)).isZero();
        assertThat(DeadLetterListing.firstOffsetToRead(0, 10_000, 500)).isEqualTo(9_500);
        assertThat(DeadLetterListing.firstOffsetToRead(9_800, 10_000, 500)).isEqualTo(9_800);
        assertThat(DeadLetterListing.firstOffsetToRead(7, 7, 500)).isEqualTo(7);
        assertThat(DeadLetterListing.firstOffsetToRead(0, 1, 1)).isZero();
    }

    @Test
    void newestFirstAcrossTopicsAndPartitions() {
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        DeadLetterEntry a = entry("quiz-events.answer-app.dlq", 0, 5, t);
        DeadLetterEntry b = entry("answer-events.answer-app.dlq", 3, 1, t.plusSeconds(60));
        DeadLetterEntry c = entry("quiz-events.answer-app.dlq", 1, 9, t.minusSeconds(60));
        List<DeadLetterEntry> shuffled = new ArrayList<>(List.of(a, b, c));
        Collections.shuffle(shuffled);

        assertThat(DeadLetterListing.newest(shuffled, 500)).containsExactly(b, a, c);
    }

    @Test
    void capsToTheNewest() {
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        List<DeadLetterEntry> entries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            entries.add(entry("user-events.quiz-app.dlq", i % 3, i, t.plusSeconds(i)));
        }

        List<DeadLetterEntry> newest = DeadLetterListing.newest(entries, 5);

        assertThat(newest).extracting(DeadLetterEntry::offset).containsExactly(19L, 18L, 17L, 16L, 15L);
    }

    @Test
    void sameInstantGoesByTopicPartitionThenLatestOffsetAndUnknownTimesComeLast() {
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        DeadLetterEntry p0o1 = entry("b.dlq", 0, 1, t);
        DeadLetterEntry p0o2 = entry("b.dlq", 0, 2, t);
        DeadLetterEntry p1o0 = entry("b.dlq", 1, 0, t);
        DeadLetterEntry otherTopic = entry("a.dlq", 4, 0, t);
        DeadLetterEntry unknown = entry("a.dlq", 0, 99, null);

        assertThat(DeadLetterListing.newest(List.of(unknown, p1o0, p0o1, otherTopic, p0o2), 10))
                .containsExactly(otherTopic, p0o2, p0o1, p1o0, unknown);
    }
}
