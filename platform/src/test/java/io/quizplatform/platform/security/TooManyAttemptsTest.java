package io.quizplatform.platform.security;

import io.quizplatform.platform.api.Problem;
import io.quizplatform.platform.api.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The rate limit refuses in its own words; the api answers 429 with the seconds to wait. */
class TooManyAttemptsTest {

    private final TooManyAttemptsMapper mapper = new TooManyAttemptsMapper();

    @Test
    void anAllowedAttemptGoesOn() {
        assertThatCode(() -> new RateLimiter.Decision(true, 0).orRefuse("login attempts")).doesNotThrowAnyException();
    }

    @Test
    void aRefusedAttemptIsAnsweredWith429AndRetryAfter() {
        RateLimiter.TooManyAttempts refusal = catchThrowableOfType(RateLimiter.TooManyAttempts.class,
                () -> new RateLimiter.Decision(false, 42).orRefuse("login attempts"));

        Problem problem = mapper.problem(refusal);
        assertThat(problem.status()).isEqualTo(429);
        assertThat(problem.title()).isEqualTo("Too many attempts");
        assertThat(problem.detail()).isEqualTo("Too many login attempts. Try again in 42 seconds.");
        assertThat(problem.errors()).isEmpty();
        assertThat(mapper.headers(refusal)).isEqualTo(Map.of("Retry-After", "42"));
    }

    @Test
    void theRefusalIsNotAnHttpException() {
        assertThatThrownBy(() -> new RateLimiter.Decision(false, 1).orRefuse("joins"))
                .isInstanceOf(RateLimiter.TooManyAttempts.class)
                .isNotInstanceOf(ProblemException.class);
    }
}
