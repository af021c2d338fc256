package io.quizplatform.answer.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TypedAnswerTallyTest {

    @Test
    void answersTheKeyWouldMatchAlikeAreCountedTogetherInTheirMostCommonSpelling() {
        TypedAnswerTally tally = new TypedAnswerTally();
        List.of("Marianas", "MARIANAS", "Marianas", " marianas! ", "Mariana Trench", "Île-de-France", "ile de france",
                        "Île-de-France")
                .forEach(tally::add);

        assertThat(tally.top(10)).containsExactly(
                new TypedAnswerTally.Entry("Marianas", 4),
                new TypedAnswerTally.Entry("Île-de-France", 3),
                new TypedAnswerTally.Entry("Mariana Trench", 1));
    }

    @Test
    void aTieBetweenSpellingsShowsTheFirstAlphabeticallyAndBlanksAreNotAnswers() {
        TypedAnswerTally tally = new TypedAnswerTally();
        List.of("paris", "Paris", "  ", "").forEach(tally::add);
        tally.add(null);

        assertThat(tally.top(10)).containsExactly(new TypedAnswerTally.Entry("Paris", 2));
    }

    @Test
    void keepsOnlyTheMostFrequent() {
        TypedAnswerTally tally = new TypedAnswerTally();
        List.of("a1", "b2", "b2", "c3", "c3", "c3").forEach(tally::add);

        assertThat(tally.top(2)).extracting(TypedAnswerTally.Entry::text).containsExactly("c3", "b2");
    }
}
