package io.quizplatform.user.api;

import io.quizplatform.platform.api.Problem;
import io.quizplatform.platform.api.ProblemMapper;
import io.quizplatform.user.application.AccountGone;
import io.quizplatform.user.application.AccountLocked;
import io.quizplatform.user.application.CannotLockOwnAccount;
import io.quizplatform.user.application.EmailTaken;
import io.quizplatform.user.application.EmailTooLong;
import io.quizplatform.user.application.SessionNotEnded;
import io.quizplatform.user.application.SessionEndedMeanwhile;
import io.quizplatform.user.application.TokenRenewedAlready;
import io.quizplatform.user.application.UnknownAccount;
import io.quizplatform.user.application.WeakPassword;
import io.quizplatform.user.application.WrongCredentials;
import io.quizplatform.user.application.WrongCurrentPassword;
import io.quizplatform.user.domain.User;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Map;

/**
 * user-app's refusals as problem+json: the use cases say what is wrong, the API picks the status. Each mapper builds
 * its {@link Problem} (and its headers) in {@link ProblemMapper}'s methods: clients and tests rely on these answers,
 * and UserProblemsTest pins them without a JAX-RS runtime.
 */
public final class UserProblems {

    private UserProblems() {
    }

    /** One answer for an unknown address and a wrong password: nothing in it may tell them apart (a 401: challenged). */
    @Provider
    public static class ForWrongCredentials extends ProblemMapper<WrongCredentials> {
        @Override
        public Problem problem(WrongCredentials e) {
            return Problem.of(401, "Login failed", e.getMessage(), List.of());
        }
    }

    @Provider
    public static class ForAccountLocked extends ProblemMapper<AccountLocked> {
        @Override
        public Problem problem(AccountLocked e) {
            return Problem.of(403, "Account locked", e.getMessage(), List.of());
        }
    }

    @Provider
    public static class ForCannotLockOwnAccount extends ProblemMapper<CannotLockOwnAccount> {
        @Override
        public Problem problem(CannotLockOwnAccount e) {
            return Problem.of(409, "Cannot lock own account", e.getMessage(), List.of());
        }
    }

    @Provider
    public static class ForUnknownAccount extends ProblemMapper<UnknownAccount> {
        @Override
        public Problem problem(UnknownAccount e) {
            return Problem.of(404, "Unknown account", e.getMessage(), List.of());
        }
    }

    /** The token was valid but its account is gone: a 401, so the client logs in again (same title as a 404's). */
    @Provider
    public static class ForAccountGone extends ProblemMapper<AccountGone> {
        @Override
        public Problem problem(AccountGone e) {
            return Problem.of(401, "Unknown account", e.getMessage(), List.of());
        }
    }

    /** One field error per broken rule, on the field that carried the password, so a form shows each beside it. */
    @Provider
    public static class ForWeakPassword extends ProblemMapper<WeakPassword> {
        @Override
        public Problem problem(WeakPassword e) {
            return Problem.of(400, "Password too weak", e.getMessage(),
                    e.broken().stream().map(b -> new Problem.FieldError(e.field(), b.code(), b.message())).toList());
        }
    }

    @Provider
    public static class ForEmailTaken extends ProblemMapper<EmailTaken> {
        @Override
        public Problem problem(EmailTaken e) {
            return Problem.of(409, "E-mail already registered", e.getMessage(),
                    List.of(new Problem.FieldError("email", "taken", "already registered")));
        }
    }

    /** Word for word what Bean Validation answers for an address over the limit as sent. */
    @Provider
    public static class ForEmailTooLong extends ProblemMapper<EmailTooLong> {
        @Override
        public Problem problem(EmailTooLong e) {
            return Problem.of(400, "Invalid request", e.getMessage(),
                    List.of(new Problem.FieldError("email", "too-long", "must be at most " + User.MAX_EMAIL_LENGTH + " characters")));
        }
    }

    @Provider
    public static class ForWrongCurrentPassword extends ProblemMapper<WrongCurrentPassword> {
        @Override
        public Problem problem(WrongCurrentPassword e) {
            return Problem.of(400, "Current password is wrong", e.getMessage(),
                    List.of(new Problem.FieldError("currentPassword", "mismatch", "does not match")));
        }
    }

    /** The account changed between its read and its write (a lock, another change of the password): nothing written. */
    @Provider
    public static class ForAccountChanged extends ProblemMapper<jakarta.persistence.OptimisticLockException> {
        @Override
        public Problem problem(jakarta.persistence.OptimisticLockException e) {
            return Problem.of(409, "Account changed", "The account changed meanwhile (locked, or changed elsewhere);"
                    + " nothing was changed. Try again.", List.of());
        }
    }

    /** Another renewal (or a logout) of this token came first: a 401, as for any token no longer good. */
    @Provider
    public static class ForTokenRenewedAlready extends ProblemMapper<TokenRenewedAlready> {
        @Override
        public Problem problem(TokenRenewedAlready e) {
            return Problem.of(401, "Session renewed already", e.getMessage(), List.of());
        }
    }

    /** The session was ended while it was being renewed: a 401, as the door gives a token older than the cutoff. */
    @Provider
    public static class ForSessionEndedMeanwhile implements jakarta.ws.rs.ext.ExceptionMapper<SessionEndedMeanwhile> {
        @Override
        public jakarta.ws.rs.core.Response toResponse(SessionEndedMeanwhile e) {
            return jakarta.ws.rs.core.Response.fromResponse(Problem.of(401, "Session ended", e.getMessage(), List.of()).toResponse())
                    .header(jakarta.ws.rs.core.HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                    .build();
        }
    }

    /** Nothing was ended: Retry-After tells the client when to try again. */
    @Provider
    public static class ForSessionNotEnded extends ProblemMapper<SessionNotEnded> {
        @Override
        public Problem problem(SessionNotEnded e) {
            return Problem.of(503, "Logout unavailable", e.getMessage(), List.of());
        }

        @Override
        public Map<String, String> headers(SessionNotEnded e) {
            return Map.of("Retry-After", "5");
        }
    }
}
