package io.quizplatform.platform.messaging;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadLetterCursorTest {

    static final List<String> TOPICS = List.of("answer-events.scoring-app.dlq", "quiz-events.scoring-app.dlq",
            "user-events.scoring-app.dlq");

    private static String encoded(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A well-formed cursor's text with these entries, for these topics. */
    private static String cursorOf(String entries) {
        return encoded(Integer.toHexString(TOPICS.hashCode()) + "~" + entries);
    }

    @Test
    void whatANextSaysItReadsBack() {
        DeadLetterCursor cursor = DeadLetterCursor.of(Map.of("answer-events.scoring-app.dlq:0", 4711L,
                "quiz-events.scoring-app.dlq:5", 9_000_000_000L));

        DeadLetterCursor read = DeadLetterCursor.parse(cursor.text(TOPICS), TOPICS);

        assertThat(read).isEqualTo(cursor);
        assertThat(read.bound("answer-events.scoring-app.dlq", 0)).hasValue(4711);
        assertThat(read.bound("quiz-events.scoring-app.dlq", 5)).hasValue(9_000_000_000L);
        assertThat(read.bound("quiz-events.scoring-app.dlq", 0)).as("a partition not named has nothing left").isEmpty();
        assertThat(cursor.text(TOPICS)).as("safe in a query as it is").matches("[A-Za-z0-9_-]+");
    }

    @Test
    void everyPartitionOfAServiceFitsInAQueryValue() {
        // Three topics of twelve partitions (twice the default), each with an offset in the tens of billions.
        Map<String, Long> bounds = new HashMap<>();
        for (String topic : TOPICS) {
            for (int p = 0; p < 12; p++) {
                bounds.put(topic + ":" + p, 12_345_678_901L);
            }
        }
        String text = DeadLetterCursor.of(bounds).text(TOPICS);

        assertThat(text.length()).isLessThanOrEqualTo(DeadLetterCursor.MAX_LENGTH);
        assertThat(DeadLetterCursor.parse(text, TOPICS)).isEqualTo(DeadLetterCursor.of(bounds));
    }

    @Test
    void aNextOfOtherTopicsStartsTheListingAgain() {
        String next = DeadLetterCursor.of(Map.of("quiz-events.scoring-app.dlq:1", 7L)).text(TOPICS);

        assertThatThrownBy(() -> DeadLetterCursor.parse(next, List.of("quiz-events.answer-app.dlq")))
                .hasMessage("is the next of a listing of other dead-letter topics: list from the first page");
    }

    @Test
    void anythingButAnUnchangedNextIsRefused() {
        for (String wrong : new String[]{"", "not base64!", "%%%", "page-2", encoded(""), encoded("0.0.1"),
                cursorOf(""), cursorOf("0.0"), cursorOf("0.0.-1"), cursorOf("0.0.1,"), cursorOf("0.0.1,0.0.2"),
                cursorOf("3.0.1"), cursorOf("00.0.1"), cursorOf("0.0.01"), cursorOf("0.0.1\u0000"),
                cursorOf("0.0.9999999999999999999"), cursorOf("0.9999999999.1"), cursorOf("0. 0.1"),
                cursorOf("0.0.\u0661"), encoded("zz~0.0.1"), encoded("~0.0.1")}) {
            assertThatThrownBy(() -> DeadLetterCursor.parse(wrong, TOPICS)).as(wrong)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("must be the next of an earlier listing, unchanged");
        }
        assertThatThrownBy(() -> DeadLetterCursor.parse("A".repeat(DeadLetterCursor.MAX_LENGTH + 1), TOPICS))
                .hasMessageContaining("at most 1000 characters");
    }
}
