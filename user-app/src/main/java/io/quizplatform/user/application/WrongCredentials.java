package io.quizplatform.user.application;

/**
 * A login refused for its e-mail address or its password. One refusal, with one sentence, for an unknown address, a
 * wrong password and a password changed during the check alike: the answer must not tell who has an account. Thrown
 * outside any transaction ({@link Authentication#login}), so it needs no {@code ReportedByCaller}.
 */
public final class WrongCredentials extends RuntimeException {

    public WrongCredentials() {
        super("The e-mail address or the password is wrong.");
    }
}
