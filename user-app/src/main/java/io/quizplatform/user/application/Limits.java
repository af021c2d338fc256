package io.quizplatform.user.application;

import io.quizplatform.platform.api.ProblemException;
import io.quizplatform.platform.security.RateLimiter;

/** A refused rate-limit decision becomes 429 with Retry-After. */
final class Limits {

    private Limits() {
    }

    static void enforce(RateLimiter.Decision decision) {
        if (!decision.allowed()) {
            throw new TooManyAttempts(decision.retryAfterSeconds());
        }
    }

    static final class TooManyAttempts extends ProblemException {
        private final long retryAfterSeconds;

        TooManyAttempts(long retryAfterSeconds) {
            super(429, "Too many attempts", "Too many attempts from here or for this account. Try again in "
                    + retryAfterSeconds + " seconds.");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public java.util.Map<String, String> headers() {
            return java.util.Map.of("Retry-After", Long.toString(retryAfterSeconds));
        }
    }
}
