package io.quizplatform.platform.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DeadLetterResourceTest {

    static Problem refused(Runnable call) {
        return catchThrowableOfType(ProblemException.class, call::run).toProblem();
    }

    @Test
    void limitDefaultsTo500AndIsOneToAThousand() {
        assertThat(DeadLetterResource.limit(null)).isEqualTo(500);
        assertThat(DeadLetterResource.limit("1")).isEqualTo(1);
        assertThat(DeadLetterResource.limit("1000")).isEqualTo(1000);

        Problem tooMany = refused(() -> DeadLetterResource.limit("1001"));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.detail()).isEqualTo("limit: must be 1 to 1000, got 1001");
        assertThat(tooMany.errors()).containsExactly(new Problem.FieldError("limit", "integer", "must be 1 to 1000, got 1001"));
        assertThat(refused(() -> DeadLetterResource.limit("0")).status()).isEqualTo(400);
        assertThat(refused(() -> DeadLetterResource.limit("ten")).status()).isEqualTo(400);
        // Given but empty or blank is a mistake, not the default.
        for (String blank : new String[]{"", " "}) {
            assertThat(refused(() -> DeadLetterResource.limit(blank)).errors()).as("'" + blank + "'")
                    .containsExactly(new Problem.FieldError("limit", "integer", "must be 1 to 1000 when given, got ''"));
        }
    }

    @Test
    void aReplayOfWhatWaitsMakesAHundredByDefaultAndOneToAThousand() {
        assertThat(DeadLetterResource.replayLimit(null)).isEqualTo(100);
        assertThat(DeadLetterResource.replayLimit("1000")).isEqualTo(1000);
        assertThat(refused(() -> DeadLetterResource.replayLimit("0")).errors()).extracting(Problem.FieldError::field)
                .containsExactly("limit");
        assertThat(refused(() -> DeadLetterResource.replayLimit("")).status()).isEqualTo(400);
    }

    @Test
    void partitionsAndOffsetsAreWholeNumbersOfZeroOrMore() {
        assertThat(DeadLetterResource.partition("0")).isZero();
        assertThat(DeadLetterResource.partition("5")).isEqualTo(5);
        assertThat(DeadLetterResource.offset("9000000000")).isEqualTo(9_000_000_000L);

        Problem negative = refused(() -> DeadLetterResource.offset("-1"));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.errors()).extracting(Problem.FieldError::field).containsExactly("offset");
        assertThat(refused(() -> DeadLetterResource.partition("-3")).detail())
                .isEqualTo("partition: must be a whole number of 0 or more, got -3");
        assertThat(refused(() -> DeadLetterResource.partition("3000000000")).status()).isEqualTo(400);
        assertThat(refused(() -> DeadLetterResource.offset("1.5")).detail())
                .isEqualTo("offset: must be a whole number of 0 or more, got '1.5'");
        // Other spellings Long.parseLong would take: a plus, a leading zero, another script's digits, spaces.
        for (String other : new String[]{"+5", "05", "\u0665", " 5", "5 "}) {
            assertThat(refused(() -> DeadLetterResource.partition(other)).status()).as(other).isEqualTo(400);
        }
    }

    @Test
    void forceIsTrueOrFalse() {
        assertThat(DeadLetterResource.force(null)).isFalse();
        assertThat(DeadLetterResource.force("false")).isFalse();
        assertThat(DeadLetterResource.force("true")).isTrue();
        assertThat(refused(() -> DeadLetterResource.force("yes")).detail()).isEqualTo("force: must be true or false, got 'yes'");
        for (String other : new String[]{"", " true ", "TRUE", "1"}) {
            assertThat(refused(() -> DeadLetterResource.force(other)).errors()).as("'" + other + "'")
                    .extracting(Problem.FieldError::field).containsExactly("force");
        }
    }
}
