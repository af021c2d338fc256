package io.quizplatform.scoring.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The report spells question types as the quiz API does, not as the game.created constants. */
class ReportQuestionTypeTest {

    @Test
    void everyQuestionTypeIsSpelledAsTheApiSpellsIt() {
        assertThat(Report.QuestionLine.apiType("SINGLE_CHOICE")).isEqualTo("single-choice");
        assertThat(Report.QuestionLine.apiType("MULTIPLE_CHOICE")).isEqualTo("multiple-choice");
        assertThat(Report.QuestionLine.apiType("TRUE_FALSE")).isEqualTo("true-false");
        assertThat(Report.QuestionLine.apiType("TYPE_ANSWER")).isEqualTo("type-answer");
        assertThat(Report.QuestionLine.apiType("POLL")).isEqualTo("poll");
    }
}
