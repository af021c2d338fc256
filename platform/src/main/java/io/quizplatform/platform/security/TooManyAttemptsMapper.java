package io.quizplatform.platform.security;

import io.quizplatform.platform.api.Problem;
import io.quizplatform.platform.api.ProblemMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Map;

/** The rate limit's refusal: 429 Too Many Requests, with Retry-After the seconds until the window ends. */
@Provider
public class TooManyAttemptsMapper extends ProblemMapper<RateLimiter.TooManyAttempts> {

    @Override
    public Problem problem(RateLimiter.TooManyAttempts e) {
        return Problem.of(429, "Too many attempts", "Too many " + e.what() + ". Try again in " + e.retryAfterSeconds()
                + " seconds.", List.of());
    }

    @Override
    public Map<String, String> headers(RateLimiter.TooManyAttempts e) {
        return Map.of("Retry-After", Long.toString(e.retryAfterSeconds()));
    }
}
