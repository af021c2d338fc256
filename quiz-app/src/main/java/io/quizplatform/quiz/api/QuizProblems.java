package io.quizplatform.quiz.api;

import io.quizplatform.platform.api.Problem;
import io.quizplatform.quiz.application.JoinRefused;
import io.quizplatform.quiz.domain.image.ImageRejected;
import io.quizplatform.quiz.domain.quiz.RuleViolation;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/** quiz-app's domain and application refusals as problem+json: they say what is wrong, the API picks the status. */
public final class QuizProblems {

    private QuizProblems() {
    }

    @Provider
    public static class ForImageRejected implements ExceptionMapper<ImageRejected> {
        @Override
        public Response toResponse(ImageRejected e) {
            int status = switch (e.reason()) {
                case UNSUPPORTED_TYPE -> 415;
                case TOO_LARGE -> 413;
                case MALFORMED, TOO_MANY_PIXELS -> 400;
            };
            return Problem.of(status, "Image refused", e.field() + " " + e.getMessage() + ".",
                    List.of(new Problem.FieldError(e.field(), e.getMessage()))).toResponse();
        }
    }

    /** A rule broken outside a quiz command (a document's images); commands map theirs in QuizAuthoring. */
    @Provider
    public static class ForRuleViolation implements ExceptionMapper<RuleViolation> {
        @Override
        public Response toResponse(RuleViolation e) {
            return Problem.of(400, "Quiz rule broken", e.getMessage(),
                    e.violations().stream().map(v -> new Problem.FieldError(v.field(), v.message())).toList()).toResponse();
        }
    }

    /**
     * A refused join (the REST join; the join socket sends the same code in an {@code error}). Game rules keep the
     * title "Game rule: &lt;code&gt;", which the web client reads.
     */
    @Provider
    public static class ForJoinRefused implements ExceptionMapper<JoinRefused> {
        @Override
        public Response toResponse(JoinRefused e) {
            int status = switch (e.code()) {
                case JoinRefused.INVALID_PIN, JoinRefused.NICKNAME_INVALID -> 400;
                case JoinRefused.UNKNOWN_PIN -> 404;
                case JoinRefused.GAME_BUSY -> 503;
                default -> 409;
            };
            String title = switch (e.code()) {
                case JoinRefused.INVALID_PIN -> "Invalid PIN";
                case JoinRefused.UNKNOWN_PIN -> "Unknown PIN";
                case JoinRefused.GAME_BUSY -> "Game busy";
                default -> "Game rule: " + e.code();
            };
            return Problem.of(status, title, e.getMessage(), e.field() == null ? List.of()
                    : List.of(new Problem.FieldError(e.field(), e.getMessage()))).toResponse();
        }
    }
}
