package io.quizplatform.platform.messaging;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadLetterCursorTest {

    private static String encoded(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void whatANextSaysItReadsBack() {
        DeadLetterCursor cursor = DeadLetterCursor.of(Map.of("answer-events.scoring-app.dlq:0", 4711L,
                "quiz-events.scoring-app.dlq:5", 9_000_000_000L));

        DeadLetterCursor read = DeadLetterCursor.parse(cursor.text());

        assertThat(read).isEqualTo(cursor);
        assertThat(read.bound("answer-events.scoring-app.dlq", 0)).hasValue(4711);
        assertThat(read.bound("quiz-events.scoring-app.dlq", 5)).hasValue(9_000_000_000L);
        assertThat(read.bound("quiz-events.scoring-app.dlq", 0)).as("a partition not named has nothing left").isEmpty();
        assertThat(read.topics()).containsExactly("answer-events.scoring-app.dlq", "quiz-events.scoring-app.dlq");
        assertThat(cursor.text()).as("safe in a query as it is").matches("[A-Za-z0-9_-]+");
    }

    @Test
    void anythingButAnUnchangedNextIsRefused() {
        for (String wrong : new String[]{"", "not base64!", "%%%", encoded(""), encoded("a.dlq:0"), encoded("a.dlq:0:-1"),
                encoded("a.dlq:0:1;"), encoded("a.dlq:0:1;a.dlq:0:2"), encoded("A.dlq:0:1"), encoded("a.dlq:0:1\u0000"),
                encoded("a.dlq:0:9999999999999999999"), encoded("a.dlq:9999999999:1"), encoded("a.dlq: 0:1"),
                encoded("a.dlq:0:\u0661")}) {
            assertThatThrownBy(() -> DeadLetterCursor.parse(wrong)).as(wrong)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("must be the next of an earlier listing, unchanged");
        }
        assertThatThrownBy(() -> DeadLetterCursor.parse("A".repeat(DeadLetterCursor.MAX_LENGTH + 1)))
                .hasMessageContaining("at most 8192 characters");
    }
}
