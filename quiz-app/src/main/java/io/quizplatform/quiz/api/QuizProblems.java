package io.quizplatform.quiz.api;

import io.quizplatform.platform.api.Problem;
import io.quizplatform.platform.api.ProblemMapper;
import io.quizplatform.quiz.application.AdminsOnly;
import io.quizplatform.quiz.application.GameBusy;
import io.quizplatform.quiz.application.GameRuleBroken;
import io.quizplatform.quiz.application.JoinRefused;
import io.quizplatform.quiz.application.NoFreePin;
import io.quizplatform.quiz.application.NotYourQuiz;
import io.quizplatform.quiz.application.QuizChangedMeanwhile;
import io.quizplatform.quiz.application.QuizNotPublished;
import io.quizplatform.quiz.application.UnknownGame;
import io.quizplatform.quiz.application.UnknownQuiz;
import io.quizplatform.quiz.domain.image.ImageRejected;
import io.quizplatform.quiz.domain.quiz.RuleViolation;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/**
 * quiz-app's domain and application refusals as problem+json: they say what is wrong, the API picks the status. The
 * use cases' refusals build their {@link Problem} in {@link ProblemMapper#problem}: clients and tests rely on these
 * bodies, and QuizProblemsTest pins them without a JAX-RS runtime.
 */
public final class QuizProblems {

    private QuizProblems() {
    }

    @Provider
    public static class ForImageRejected implements ExceptionMapper<ImageRejected> {
        @Override
        public Response toResponse(ImageRejected e) {
            int status = switch (e.reason()) {
                case UNSUPPORTED_TYPE, TYPE_MISMATCH -> 415;
                case TOO_LARGE -> 413;
                case MALFORMED, TOO_MANY_PIXELS -> 400;
            };
            return Problem.of(status, "Image refused", e.field() + " " + e.getMessage() + ".",
                    List.of(new Problem.FieldError(e.field(), e.code(), e.getMessage()))).toResponse();
        }
    }

    /** A quiz rule broken: by a command (QuizRuleBroken, a RuleViolation) or by a document's images. */
    @Provider
    public static class ForRuleViolation extends ProblemMapper<RuleViolation> {
        @Override
        public Problem problem(RuleViolation e) {
            return Problem.of(400, "Quiz rule broken", e.getMessage(),
                    e.violations().stream().map(v -> new Problem.FieldError(v.field(), v.code(), v.message())).toList());
        }
    }

    @Provider
    public static class ForUnknownQuiz extends ProblemMapper<UnknownQuiz> {
        @Override
        public Problem problem(UnknownQuiz e) {
            return Problem.of(404, "Unknown quiz", e.getMessage(), List.of());
        }
    }

    @Provider
    public static class ForNotYourQuiz extends ProblemMapper<NotYourQuiz> {
        @Override
        public Problem problem(NotYourQuiz e) {
            return Problem.of(403, "Not your quiz", e.getMessage(), List.of());
        }
    }

    /** The versions are the quiz's; what to do about it (the ETag, If-Match) is HTTP's, so the detail is said here. */
    @Provider
    public static class ForQuizChangedMeanwhile extends ProblemMapper<QuizChangedMeanwhile> {
        @Override
        public Problem problem(QuizChangedMeanwhile e) {
            return Problem.of(412, "Quiz changed meanwhile", "The quiz is no longer at version " + e.expected()
                    + (e.current().isPresent() ? " (it is at " + e.current().getAsLong() + ")" : "")
                    + ": someone changed it since you loaded it. Reload it, reapply your change and send the new ETag in If-Match.",
                    List.of());
        }
    }

    @Provider
    public static class ForQuizNotPublished extends ProblemMapper<QuizNotPublished> {
        @Override
        public Problem problem(QuizNotPublished e) {
            return Problem.of(409, "Quiz not published", e.getMessage(), List.of());
        }
    }

    @Provider
    public static class ForNoFreePin extends ProblemMapper<NoFreePin> {
        @Override
        public Problem problem(NoFreePin e) {
            return Problem.of(503, "No free PIN", e.getMessage(), List.of());
        }
    }

    @Provider
    public static class ForUnknownGame extends ProblemMapper<UnknownGame> {
        @Override
        public Problem problem(UnknownGame e) {
            return Problem.of(404, "Unknown game", e.getMessage(), List.of());
        }
    }

    /** The title "Game rule: &lt;code&gt;" is read by the web client; the game's state is at fault, never the request. */
    @Provider
    public static class ForGameRuleBroken extends ProblemMapper<GameRuleBroken> {
        @Override
        public Problem problem(GameRuleBroken e) {
            return Problem.of(409, "Game rule: " + e.code(), e.getMessage(),
                    List.of(new Problem.FieldError("game", e.code(), e.getMessage())));
        }
    }

    @Provider
    public static class ForGameBusy extends ProblemMapper<GameBusy> {
        @Override
        public Problem problem(GameBusy e) {
            return Problem.of(503, "Game busy", e.getMessage(), List.of());
        }
    }

    @Provider
    public static class ForAdminsOnly extends ProblemMapper<AdminsOnly> {
        @Override
        public Problem problem(AdminsOnly e) {
            return Problem.of(403, "Admins only", e.getMessage(), List.of());
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
                    : List.of(new Problem.FieldError(e.field(), e.code(), e.getMessage()))).toResponse();
        }
    }
}
