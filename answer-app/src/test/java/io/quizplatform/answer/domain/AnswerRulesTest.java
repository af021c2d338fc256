package io.quizplatform.answer.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerRulesTest {

    private static final Instant OPENED = Instant.parse("2026-11-25T10:00:00Z");
    private static final AnswerKey SINGLE = new AnswerKey("SINGLE_CHOICE", 20, 1000, List.of("a", "b", "c"), List.of("b"), List.of());
    private static final AnswerKey MULTI = new AnswerKey("MULTIPLE_CHOICE", 20, 1000, List.of("a", "b", "c"), List.of("a", "c"), List.of());
    private static final AnswerKey TYPED = new AnswerKey("TYPE_ANSWER", 20, 1000, List.of(), List.of(), List.of("Île-de-France", "Paris"));
    private static final AnswerKey POLL = new AnswerKey("POLL", 20, 0, List.of("x", "y"), List.of(), List.of());

    @Test
    void singleChoiceIsRightOnlyWithTheCorrectOption() {
        assertThat(SINGLE.judge(List.of("b"), null).correct()).isTrue();
        assertThat(SINGLE.judge(List.of("a"), null).correct()).isFalse();
        assertThat(SINGLE.fits(List.of("a", "b"), null)).isFalse();
        assertThat(SINGLE.fits(List.of("z"), null)).isFalse();
        assertThat(SINGLE.fits(List.of(), null)).isFalse();
        assertThat(SINGLE.fits(List.of("a"), "a")).isFalse();
    }

    @Test
    void multipleChoiceNeedsExactlyTheCorrectSetAndCountsWhatWasPicked() {
        assertThat(MULTI.judge(List.of("c", "a"), null)).isEqualTo(new AnswerKey.Verdict(true, 2, 0, 2));
        assertThat(MULTI.judge(List.of("a"), null)).isEqualTo(new AnswerKey.Verdict(false, 1, 0, 2));
        assertThat(MULTI.judge(List.of("a", "b", "c"), null)).isEqualTo(new AnswerKey.Verdict(false, 2, 1, 2));
        assertThat(MULTI.fits(List.of("a", "a"), null)).isFalse();
    }

    @Test
    void typedAnswersIgnoreCaseAccentsSpacingAndPunctuation() {
        assertThat(TYPED.judge(List.of(), "  ile de FRANCE! ").correct()).isTrue();
        assertThat(TYPED.judge(List.of(), "paris").correct()).isTrue();
        assertThat(TYPED.judge(List.of(), "Lyon").correct()).isFalse();
        assertThat(TYPED.fits(List.of(), " ")).isFalse();
        assertThat(TYPED.fits(List.of("a"), "Paris")).isFalse();
    }

    @Test
    void pollsHaveNoRightAnswer() {
        assertThat(POLL.judge(List.of("x"), null).correct()).isNull();
        assertThat(POLL.fits(List.of("x", "y"), null)).isTrue();
    }

    @Test
    void anAnswerCountsOnlyWhileItsQuestionIsOpen() {
        AnswerWindow open = new AnswerWindow(1, OPENED, OPENED.plusSeconds(20), 0, false);
        assertThat(open.refusal(1, OPENED.plusSeconds(5))).isEmpty();
        assertThat(open.responseMs(OPENED.plusMillis(1234), null, FairTiming.upToMillis(2000))).isEqualTo(1234);
        assertThat(open.refusal(1, OPENED.plusSeconds(20))).contains(Refusal.TOO_LATE);
        assertThat(open.refusal(1, OPENED.minusMillis(1))).contains(Refusal.QUESTION_NOT_OPEN);
        assertThat(open.refusal(0, OPENED.plusSeconds(5))).contains(Refusal.QUESTION_CLOSED);
        assertThat(open.refusal(2, OPENED.plusSeconds(5))).contains(Refusal.QUESTION_NOT_OPEN);

        AnswerWindow closed = new AnswerWindow(-1, OPENED, OPENED.plusSeconds(20), 1, false);
        assertThat(closed.refusal(1, OPENED.plusSeconds(5))).contains(Refusal.QUESTION_CLOSED);
        AnswerWindow ended = new AnswerWindow(-1, null, null, 1, true);
        assertThat(ended.refusal(2, OPENED)).contains(Refusal.QUESTION_CLOSED);
    }

    @Test
    void aTypedAnswerThatCouldNotBeStoredAsItIsDoesNotFit() {
        // PostgreSQL refuses U+0000 in text; a lone surrogate would be stored as "?"; answers.text_answer is varchar(100).
        assertThat(TYPED.fits(List.of(), "Mar\u0000ianas")).isFalse();
        assertThat(TYPED.fits(List.of(), "Paris\u0007")).isFalse();
        assertThat(TYPED.fits(List.of(), "two\nlines")).isFalse();
        assertThat(TYPED.fits(List.of(), "c1\u0085")).isFalse();
        assertThat(TYPED.fits(List.of(), "lone \ud83d")).isFalse();
        assertThat(TYPED.fits(List.of(), "\ude00 low first")).isFalse();
        assertThat(TYPED.fits(List.of(), "x".repeat(101))).isFalse();
        assertThat(TYPED.fits(List.of(), null)).isFalse();
        // Characters, not UTF-16 units: a hundred emoji fit, as do accents and joined pairs.
        assertThat(TYPED.fits(List.of(), "\ud83d\ude00".repeat(100))).isTrue();
        assertThat(TYPED.fits(List.of(), "x".repeat(100))).isTrue();
        assertThat(TYPED.fits(List.of(), "Île-de-France 🇫🇷")).isTrue();
    }

    @Test
    void optionIdsThatAreNotTheQuestionsDoNotFitWhateverTheyHoldInside() {
        assertThat(SINGLE.fits(List.of("a\u0000"), null)).isFalse();
        assertThat(SINGLE.fits(List.of("\ud800"), null)).isFalse();
        assertThat(SINGLE.fits(List.of("a".repeat(10_000)), null)).isFalse();
        assertThat(SINGLE.fits(java.util.Arrays.asList((String) null), null)).isFalse();
        assertThat(MULTI.fits(List.of("a", "c\u0000"), null)).isFalse();
    }
}
