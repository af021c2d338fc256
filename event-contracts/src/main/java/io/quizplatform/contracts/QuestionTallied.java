package io.quizplatform.contracts;

import java.time.Instant;
import java.util.List;

/** Payload of {@code answer.question-tallied}: the final count of a closed question's answers. */
public record QuestionTallied(String gameId, int questionIndex, int answered, int correct, List<OptionCount> distribution,
                             List<TextCount> textAnswers, Instant closedAt) {

    public record OptionCount(String optionId, int count) {
    }

    /** The most frequent typed answers (type-the-answer questions), as typed after trimming. */
    public record TextCount(String text, int count) {
    }
}
