package io.quizplatform.quiz.domain.game;

/** A game command that its rules refuse; {@code code} is stable for clients, the message is for people. */
public class GameRuleViolation extends RuntimeException {

    private final String code;

    public GameRuleViolation(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
