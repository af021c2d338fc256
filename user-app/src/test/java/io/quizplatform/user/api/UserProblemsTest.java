package io.quizplatform.user.api;

import io.quizplatform.platform.api.Problem;
import io.quizplatform.user.application.AccountGone;
import io.quizplatform.user.application.AccountLocked;
import io.quizplatform.user.application.CannotLockOwnAccount;
import io.quizplatform.user.application.EmailTaken;
import io.quizplatform.user.application.EmailTooLong;
import io.quizplatform.user.application.SessionNotEnded;
import io.quizplatform.user.application.UnknownAccount;
import io.quizplatform.user.application.WeakPassword;
import io.quizplatform.user.domain.PasswordPolicy;
import io.quizplatform.user.application.WrongCredentials;
import io.quizplatform.user.application.WrongCurrentPassword;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The problem bodies and headers of the use cases' refusals, word for word as clients (and the web client) get them. */
class UserProblemsTest {

    private static final UUID ID = UUID.fromString("0b6f3c2e-41d7-4a8e-9c55-7e2d1f0a9b34");
    private static final List<PasswordPolicy.BrokenRule> BROKEN = List.of(
            new PasswordPolicy.BrokenRule("too-short", "must be at least 10 characters long (it has 5)"),
            new PasswordPolicy.BrokenRule("too-few-characters", "must contain at least 4 different characters"));

    @Test
    void loggingIn() {
        assertThat(new UserProblems.ForWrongCredentials().problem(new WrongCredentials()))
                .isEqualTo(Problem.of(401, "Login failed", "The e-mail address or the password is wrong.", List.of()));
        assertThat(new UserProblems.ForWrongCredentials().headers(new WrongCredentials())).isEqualTo(Map.of("WWW-Authenticate", "Bearer"));
        assertThat(new UserProblems.ForAccountLocked().problem(new AccountLocked()))
                .isEqualTo(Problem.of(403, "Account locked", "This account is locked by an admin. Ask an admin to unlock it.", List.of()));
    }

    @Test
    void sessions() {
        assertThat(new UserProblems.ForAccountGone().problem(new AccountGone()))
                .isEqualTo(Problem.of(401, "Unknown account", "The account of this token no longer exists. Log in again.", List.of()));
        assertThat(new UserProblems.ForAccountGone().headers(new AccountGone())).isEqualTo(Map.of("WWW-Authenticate", "Bearer"));
        assertThat(new UserProblems.ForSessionNotEnded().problem(new SessionNotEnded(new IllegalStateException("redis away"))))
                .isEqualTo(Problem.of(503, "Logout unavailable",
                        "The session could not be ended right now (the token store is unreachable). Try again shortly.", List.of()));
        assertThat(new UserProblems.ForSessionNotEnded().headers(new SessionNotEnded(new IllegalStateException("redis away")))).isEqualTo(Map.of("Retry-After", "5"));
    }

    @Test
    void registering() {
        assertThat(new UserProblems.ForWeakPassword().problem(WeakPassword.atRegistration(BROKEN)))
                .isEqualTo(Problem.of(400, "Password too weak",
                        "The password must be at least 10 characters long (it has 5); must contain at least 4 different characters.",
                        List.of(new Problem.FieldError("password", "too-short", "must be at least 10 characters long (it has 5)"),
                                new Problem.FieldError("password", "too-few-characters", "must contain at least 4 different characters"))));
        assertThat(new UserProblems.ForEmailTaken().problem(new EmailTaken()))
                .isEqualTo(Problem.of(409, "E-mail already registered",
                        "An account with this e-mail address already exists. Log in, or register with another address.",
                        List.of(new Problem.FieldError("email", "taken", "already registered"))));
    }

    @Test
    void anAddressThatLowerCasingMakesTooLongIsRefusedAsALongerOneIs() {
        assertThat(new UserProblems.ForEmailTooLong().problem(new EmailTooLong()))
                .isEqualTo(Problem.of(400, "Invalid request", "email: must be at most 254 characters",
                        List.of(new Problem.FieldError("email", "too-long", "must be at most 254 characters"))));
    }

    @Test
    void changingThePassword() {
        assertThat(new UserProblems.ForWrongCurrentPassword().problem(new WrongCurrentPassword()))
                .isEqualTo(Problem.of(400, "Current password is wrong", "The current password is wrong; the password was not changed.",
                        List.of(new Problem.FieldError("currentPassword", "mismatch", "does not match"))));
        assertThat(new UserProblems.ForWeakPassword().problem(WeakPassword.asNewPassword(BROKEN)))
                .isEqualTo(Problem.of(400, "Password too weak",
                        "The new password must be at least 10 characters long (it has 5); must contain at least 4 different characters.",
                        List.of(new Problem.FieldError("newPassword", "too-short", "must be at least 10 characters long (it has 5)"),
                                new Problem.FieldError("newPassword", "too-few-characters", "must contain at least 4 different characters"))));
    }

    @Test
    void lockingAccounts() {
        assertThat(new UserProblems.ForCannotLockOwnAccount().problem(new CannotLockOwnAccount()))
                .isEqualTo(Problem.of(409, "Cannot lock own account", "An admin can't lock their own account; ask another admin.", List.of()));
        assertThat(new UserProblems.ForUnknownAccount().problem(new UnknownAccount(ID)))
                .isEqualTo(Problem.of(404, "Unknown account", "There is no account " + ID + ".", List.of()));
    }
}
