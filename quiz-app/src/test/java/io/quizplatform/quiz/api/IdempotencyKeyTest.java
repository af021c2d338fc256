package io.quizplatform.quiz.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** An Idempotency-Key is stored with a change's events: 1 to 100 visible ASCII characters, nothing else. */
class IdempotencyKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"0b6f3c2e-41d7-4a8e-9c55-7e2d1f0a9b34", "add-capital-1", "!", "~~~"})
    void aUuidOrAnyOtherVisibleAsciiKeyIsTaken(String key) {
        assertThat(QuizResource.isIdempotencyKey(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "add capital", "add\tcapital", "key\u0000", "key\u007F", "cl\u00E9", "\u00A0key",
            "\uD83D\uDE00", "\uD800"})
    void blanksControlsAndAnythingBeyondAsciiAreRefused(String key) {
        assertThat(QuizResource.isIdempotencyKey(key)).isFalse();
    }

    @Test
    void aKeyHasAtMostOneHundredCharacters() {
        assertThat(QuizResource.isIdempotencyKey("k".repeat(100))).isTrue();
        assertThat(QuizResource.isIdempotencyKey("k".repeat(101))).isFalse();
    }
}
