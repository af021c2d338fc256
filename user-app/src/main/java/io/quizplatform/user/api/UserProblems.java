package io.quizplatform.user.api;

import io.quizplatform.platform.api.Problem;
import io.quizplatform.user.application.AccountGone;
import io.quizplatform.user.application.AccountLocked;
import io.quizplatform.user.application.CannotLockOwnAccount;
import io.quizplatform.user.application.EmailTaken;
import io.quizplatform.user.application.SessionNotEnded;
import io.quizplatform.user.application.UnknownAccount;
import io.quizplatform.user.application.WeakPassword;
import io.quizplatform.user.application.WrongCredentials;
import io.quizplatform.user.application.WrongCurrentPassword;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Map;

/**
 * user-app's refusals as problem+json: the use cases say what is wrong, the API picks the status. Each mapper builds
 * its {@link Problem} in a static {@code problem} method (and its headers in {@code headers}): clients and tests rely
 * on these answers, and UserProblemsTest pins them without a JAX-RS runtime.
 */
public final class UserProblems {

    /** Every 401 names the scheme to authenticate with (RFC 9110), as ProblemMappers does for a ProblemException. */
    static final Map<String, String> BEARER_CHALLENGE = Map.of("WWW-Authenticate", "Bearer");

    private UserProblems() {
    }

    private static Response answer(Problem problem, Map<String, String> headers) {
        Response.ResponseBuilder response = Response.fromResponse(problem.toResponse());
        headers.forEach(response::header);
        return response.build();
    }

    /** One answer for an unknown address and a wrong password: nothing in it may tell them apart. */
    @Provider
    public static class ForWrongCredentials implements ExceptionMapper<WrongCredentials> {
        @Override
        public Response toResponse(WrongCredentials e) {
            return answer(problem(e), headers());
        }

        static Problem problem(WrongCredentials e) {
            return Problem.of(401, "Login failed", e.getMessage(), List.of());
        }

        static Map<String, String> headers() {
            return BEARER_CHALLENGE;
        }
    }

    @Provider
    public static class ForAccountLocked implements ExceptionMapper<AccountLocked> {
        @Override
        public Response toResponse(AccountLocked e) {
            return problem(e).toResponse();
        }

        static Problem problem(AccountLocked e) {
            return Problem.of(403, "Account locked", e.getMessage(), List.of());
        }
    }

    @Provider
    public static class ForCannotLockOwnAccount implements ExceptionMapper<CannotLockOwnAccount> {
        @Override
        public Response toResponse(CannotLockOwnAccount e) {
            return problem(e).toResponse();
        }

        static Problem problem(CannotLockOwnAccount e) {
            return Problem.of(409, "Cannot lock own account", e.getMessage(), List.of());
        }
    }

    @Provider
    public static class ForUnknownAccount implements ExceptionMapper<UnknownAccount> {
        @Override
        public Response toResponse(UnknownAccount e) {
            return problem(e).toResponse();
        }

        static Problem problem(UnknownAccount e) {
            return Problem.of(404, "Unknown account", e.getMessage(), List.of());
        }
    }

    /** The token was valid but its account is gone: a 401, so the client logs in again (same title as a 404's). */
    @Provider
    public static class ForAccountGone implements ExceptionMapper<AccountGone> {
        @Override
        public Response toResponse(AccountGone e) {
            return answer(problem(e), headers());
        }

        static Problem problem(AccountGone e) {
            return Problem.of(401, "Unknown account", e.getMessage(), List.of());
        }

        static Map<String, String> headers() {
            return BEARER_CHALLENGE;
        }
    }

    /** One field error per broken rule, on the field that carried the password, so a form shows each beside it. */
    @Provider
    public static class ForWeakPassword implements ExceptionMapper<WeakPassword> {
        @Override
        public Response toResponse(WeakPassword e) {
            return problem(e).toResponse();
        }

        static Problem problem(WeakPassword e) {
            return Problem.of(400, "Password too weak", e.getMessage(),
                    e.broken().stream().map(b -> new Problem.FieldError(e.field(), b)).toList());
        }
    }

    @Provider
    public static class ForEmailTaken implements ExceptionMapper<EmailTaken> {
        @Override
        public Response toResponse(EmailTaken e) {
            return problem(e).toResponse();
        }

        static Problem problem(EmailTaken e) {
            return Problem.of(409, "E-mail already registered", e.getMessage(),
                    List.of(new Problem.FieldError("email", "already registered")));
        }
    }

    @Provider
    public static class ForWrongCurrentPassword implements ExceptionMapper<WrongCurrentPassword> {
        @Override
        public Response toResponse(WrongCurrentPassword e) {
            return problem(e).toResponse();
        }

        static Problem problem(WrongCurrentPassword e) {
            return Problem.of(400, "Current password is wrong", e.getMessage(),
                    List.of(new Problem.FieldError("currentPassword", "does not match")));
        }
    }

    /** Nothing was ended: Retry-After tells the client when to try again. */
    @Provider
    public static class ForSessionNotEnded implements ExceptionMapper<SessionNotEnded> {
        @Override
        public Response toResponse(SessionNotEnded e) {
            return answer(problem(e), headers());
        }

        static Problem problem(SessionNotEnded e) {
            return Problem.of(503, "Logout unavailable", e.getMessage(), List.of());
        }

        static Map<String, String> headers() {
            return Map.of("Retry-After", "5");
        }
    }
}
