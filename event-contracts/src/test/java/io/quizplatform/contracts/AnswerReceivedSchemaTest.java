package io.quizplatform.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** game.answer-received carries only what answer_db can store as it is: no control characters, bounded text. */
class AnswerReceivedSchemaTest {

    private static String withAnswer(String optionIds, String text) {
        return ContractValidator.example(EventTypes.GAME_ANSWER_RECEIVED)
                .replace("\"optionIds\": [\"a\"]", "\"optionIds\": " + optionIds + (text == null ? "" : ", \"text\": " + text));
    }

    @Test
    void aTypedAnswerOfPlainTextHonoursTheSchema() {
        assertThat(ContractValidator.violations(withAnswer("[]", "\"Île-de-France 🇫🇷\""))).isEmpty();
        assertThat(ContractValidator.violations(withAnswer("[]", "\"" + "x".repeat(100) + "\""))).isEmpty();
    }

    @Test
    void controlCharactersAndOverlongTextDoNot() {
        assertThat(ContractValidator.violations(withAnswer("[]", "\"Mar\\u0000ianas\""))).isNotEmpty();
        assertThat(ContractValidator.violations(withAnswer("[]", "\"two\\nlines\""))).isNotEmpty();
        assertThat(ContractValidator.violations(withAnswer("[]", "\"" + "x".repeat(101) + "\""))).isNotEmpty();
        assertThat(ContractValidator.violations(withAnswer("[]", "\"\""))).isNotEmpty();
        assertThat(ContractValidator.violations(withAnswer("[\"a\\u0000\"]", null))).isNotEmpty();
        assertThat(ContractValidator.violations(withAnswer("[\"" + "a".repeat(65) + "\"]", null))).isNotEmpty();
    }

    @Test
    void shownAtIsOptionalAndADateTime() {
        String example = ContractValidator.example(EventTypes.GAME_ANSWER_RECEIVED);
        assertThat(example).contains("\"shownAt\"");
        String withoutShownAt = example.replaceAll(",\\s*\"shownAt\": \"[^\"]*\"", "");
        assertThat(withoutShownAt).doesNotContain("shownAt");
        assertThat(ContractValidator.violations(withoutShownAt)).as("an answer from a quiz-app that does not stamp it").isEmpty();
        assertThat(ContractValidator.violations(example.replace("\"2026-11-25T10:16:04.020Z\"", "\"yesterday\""))).isNotEmpty();
        assertThat(ContractValidator.violations(example.replace("\"2026-11-25T10:16:04.020Z\"", "1764065764020"))).isNotEmpty();
    }
}
