package io.quizplatform.quiz.domain.game;

/** A game command that its rules refuse; {@code code} is stable for clients, the message is for people. */
public class GameRuleViolation extends RuntimeException {

    /** A nickname against the rule: the one refusal that is the client's mistake (400) rather than the game's state. */
    public static final String NICKNAME_INVALID = "nickname-invalid";

    private final String code;

    public GameRuleViolation(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
