package io.quizplatform.quiz.application;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The REST join checks the PIN and the nickname before it counts the attempt (the counters are keyed by the PIN) or
 * looks the game up, refusing in the words the game would use.
 */
class WellFormedJoinTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "1234567", "12345a", " 123456", "123456 ", "\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16",
            "\u0661\u0662\u0663\u0664\u0665\u0666"})
    void aPinIsSixAsciiDigits(String pin) {
        assertThat(catchThrowable(() -> GameHosting.requireWellFormed(pin, "Ada"))).isInstanceOfSatisfying(JoinRefused.class, e -> {
            assertThat(e.code()).isEqualTo(JoinRefused.INVALID_PIN);
            assertThat(e.field()).isEqualTo("pin");
        });
    }

    @Test
    void aPinOfTwoHundredThousandDigitsIsRefusedWithoutBeingEchoed() {
        JoinRefused refused = (JoinRefused) catchThrowable(() -> GameHosting.requireWellFormed("7".repeat(200_000), "Ada"));

        assertThat(refused.code()).isEqualTo(JoinRefused.INVALID_PIN);
        assertThat(refused.getMessage()).hasSizeLessThan(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-dash", "<b>Ada</b>", "twenty-one characters"})
    void aNicknameAgainstTheRuleIsRefusedAsTheGameRefusesIt(String nickname) {
        assertThat(catchThrowable(() -> GameHosting.requireWellFormed("123456", nickname))).isInstanceOfSatisfying(JoinRefused.class, e -> {
            assertThat(e.code()).isEqualTo(JoinRefused.NICKNAME_INVALID);
            assertThat(e.field()).isEqualTo("nickname");
            assertThat(e.getMessage()).startsWith("Nickname ");
        });
    }

    @Test
    void aLongNicknameIsRefusedWithoutBeingEchoed() {
        JoinRefused refused = (JoinRefused) catchThrowable(() -> GameHosting.requireWellFormed("123456", "x".repeat(200_000)));

        assertThat(refused.code()).isEqualTo(JoinRefused.NICKNAME_INVALID);
        assertThat(refused.getMessage()).hasSizeLessThan(100);
    }

    @Test
    void aWellFormedJoinGoesOnToTheGame() {
        assertThatCode(() -> GameHosting.requireWellFormed("012345", "Zoë 2")).doesNotThrowAnyException();
    }
}
