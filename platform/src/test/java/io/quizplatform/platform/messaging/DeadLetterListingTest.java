package io.quizplatform.platform.messaging;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterListingTest {

    /** The first {@code limit} entries of a page over them alone. */
    static List<DeadLetterEntry> newest(java.util.Collection<DeadLetterEntry> entries, int limit) {
        return DeadLetterListing.page(entries, List.of(), limit).entries();
    }

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

        assertThat(newest(shuffled, 500)).containsExactly(b, a, c);
    }

    @Test
    void capsToTheNewest() {
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        List<DeadLetterEntry> entries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            entries.add(entry("user-events.quiz-app.dlq", i % 3, i, t.plusSeconds(i)));
        }

        List<DeadLetterEntry> newest = newest(entries, 5);

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

        assertThat(newest(List.of(unknown, p1o0, p0o1, otherTopic, p0o2), 10))
                .containsExactly(otherTopic, p0o2, p0o1, p1o0, unknown);
    }

    /** Pages of {@code limit} through the partitions read, each page's next feeding the following, until none is left. */
    private static List<DeadLetterEntry> allPages(List<DeadLetterEntry> parked, List<DeadLetterListing.PartitionRead> partitions,
                                                  int limit) {
        List<DeadLetterEntry> listed = new ArrayList<>();
        DeadLetterCursor cursor = null;
        int pages = 0;
        do {
            // What the reader hands over for this page: below the cursor (or the end) of each partition, its last limit.
            List<DeadLetterListing.PartitionRead> reads = new ArrayList<>();
            List<DeadLetterEntry> read = new ArrayList<>();
            for (DeadLetterListing.PartitionRead p : partitions) {
                long upTo = cursor == null ? p.upTo() : cursor.bound(p.topic(), p.partition()).orElse(p.beginning());
                long from = DeadLetterListing.firstOffsetToRead(p.beginning(), upTo, limit);
                reads.add(new DeadLetterListing.PartitionRead(p.topic(), p.partition(), p.beginning(), from, upTo));
                parked.stream().filter(e -> e.dlqTopic().equals(p.topic()) && e.partition() == p.partition()
                        && e.offset() >= from && e.offset() < upTo).forEach(read::add);
            }
            DeadLetterListing.Page page = DeadLetterListing.page(read, reads, limit);
            assertThat(page.entries().size()).isLessThanOrEqualTo(limit);
            listed.addAll(page.entries());
            // Through its text, as a client hands it back.
            List<String> topics = partitions.stream().map(DeadLetterListing.PartitionRead::topic).distinct().sorted().toList();
            cursor = page.next() == null ? null : DeadLetterCursor.parse(page.next().text(topics), topics);
            pages++;
            // Each page moves on by at least one offset (a page over offsets without records may be empty).
            assertThat((long) pages).as("pages end").isLessThanOrEqualTo(
                    partitions.stream().mapToLong(p -> p.upTo() - p.beginning()).sum() + 1);
        } while (cursor != null);
        return listed;
    }

    @Test
    void pagesListEveryParkedRecordOnceNewestFirst() {
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        List<DeadLetterEntry> parked = new ArrayList<>();
        // Two topics, three partitions; partition 1 of quiz-events begins at 40 (older records expired).
        for (int i = 0; i < 30; i++) {
            parked.add(entry("answer-events.scoring-app.dlq", 0, i, t.plusSeconds(3L * i)));
        }
        for (int i = 40; i < 57; i++) {
            parked.add(entry("quiz-events.scoring-app.dlq", 1, i, t.plusSeconds(5L * (i - 40) + 1)));
        }
        for (int i = 0; i < 8; i++) {
            parked.add(entry("quiz-events.scoring-app.dlq", 0, i, t.plusSeconds(11L * i + 2)));
        }
        List<DeadLetterListing.PartitionRead> partitions = List.of(
                new DeadLetterListing.PartitionRead("answer-events.scoring-app.dlq", 0, 0, 0, 30),
                new DeadLetterListing.PartitionRead("quiz-events.scoring-app.dlq", 0, 0, 0, 8),
                new DeadLetterListing.PartitionRead("quiz-events.scoring-app.dlq", 1, 40, 40, 57),
                new DeadLetterListing.PartitionRead("user-events.scoring-app.dlq", 0, 0, 0, 0));

        for (int limit : new int[]{1, 4, 7, 55, 1000}) {
            assertThat(allPages(parked, partitions, limit)).as("pages of " + limit)
                    .containsExactlyElementsOf(newest(parked, 1000))
                    .isSortedAccordingTo(DeadLetterListing.NEWEST_FIRST);
        }
        DeadLetterListing.Page all = DeadLetterListing.page(parked, partitions, 1000);
        assertThat(all.next()).as("nothing left").isNull();
    }

    @Test
    void aPartitionWhoseClockRanBehindIsNotSkipped() {
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        // Offset 3 was parked by an instance whose clock was a minute behind: it still comes before offset 2 goes.
        List<DeadLetterEntry> parked = List.of(
                entry("a.dlq", 0, 0, t), entry("a.dlq", 0, 1, t.plusSeconds(10)), entry("a.dlq", 0, 2, t.plusSeconds(20)),
                entry("a.dlq", 0, 3, t.minusSeconds(40)), entry("b.dlq", 0, 0, t.plusSeconds(15)));
        List<DeadLetterListing.PartitionRead> partitions = List.of(
                new DeadLetterListing.PartitionRead("a.dlq", 0, 0, 0, 4), new DeadLetterListing.PartitionRead("b.dlq", 0, 0, 0, 1));

        for (int limit : new int[]{1, 2, 3}) {
            assertThat(allPages(parked, partitions, limit)).as("pages of " + limit).hasSize(5).doesNotHaveDuplicates()
                    .extracting(e -> e.dlqTopic() + "@" + e.offset())
                    .containsExactly("b.dlq@0", "a.dlq@3", "a.dlq@2", "a.dlq@1", "a.dlq@0");
        }
    }

    @Test
    void offsetsWithoutARecordAreNotReadAgain() {
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        // Offsets 2 to 4 and 7 hold no record (transaction markers, or another writer's gaps).
        List<DeadLetterEntry> parked = List.of(entry("a.dlq", 0, 0, t), entry("a.dlq", 0, 1, t.plusSeconds(1)),
                entry("a.dlq", 0, 5, t.plusSeconds(5)), entry("a.dlq", 0, 6, t.plusSeconds(6)));
        List<DeadLetterListing.PartitionRead> partitions = List.of(new DeadLetterListing.PartitionRead("a.dlq", 0, 0, 0, 8));

        for (int limit : new int[]{1, 2, 3, 10}) {
            assertThat(allPages(parked, partitions, limit)).as("pages of " + limit)
                    .extracting(DeadLetterEntry::offset).containsExactly(6L, 5L, 1L, 0L);
        }
    }
}
