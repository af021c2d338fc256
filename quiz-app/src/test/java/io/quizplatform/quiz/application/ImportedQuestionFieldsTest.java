package io.quizplatform.quiz.application;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A refusal of an imported quiz names the field as the document has it: the question's own fields by its index. */
class ImportedQuestionFieldsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            question                 | questions[3]
            question.points          | questions[3].points
            question.options[1].text | questions[3].options[1].text
            question[0]              | questions[3][0]
            questions                | questions
            questionIds              | questionIds
            title                    | title
            """)
    void aQuestionsFieldIsReprefixedAndNoOtherIs(String ruleField, String documentField) {
        assertThat(QuizAuthoring.inImportedQuestion(ruleField, 3)).isEqualTo(documentField);
    }
}
