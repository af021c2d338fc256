package io.quizplatform.quiz.application;

import io.quizplatform.quiz.domain.game.GameRuleViolation;

/**
 * A join the game did not take, said the same way to both ways in: the code the join socket sends in its
 * {@code error} (docs/PROTOCOL.md), the field it names, and a sentence for the player. The REST join maps it to
 * problem+json (QuizProblems), the join socket to an {@code error} that keeps the connection.
 */
public final class JoinRefused extends RuntimeException {

    public static final String INVALID_PIN = "invalid-pin";
    public static final String UNKNOWN_PIN = "unknown-pin";
    public static final String GAME_BUSY = "game-busy";
    /** The game's nickname rule, also checked on the join socket before the game sees the join. */
    public static final String NICKNAME_INVALID = GameRuleViolation.NICKNAME_INVALID;

    private final String code;
    private final String field;

    private JoinRefused(String code, String field, String message) {
        super(message, null, false, false); // an answer to the player, not a failure: no stack trace to fill
        this.code = code;
        this.field = field;
    }

    static JoinRefused invalidPin() {
        return new JoinRefused(INVALID_PIN, "pin", "A game PIN is 6 digits.");
    }

    static JoinRefused unknownPin(String pin) {
        return new JoinRefused(UNKNOWN_PIN, "pin",
                "No game is running with PIN " + pin + ". Check the PIN on the host's screen.");
    }

    /** A nickname against {@code Nickname}'s rule, in the words the game uses for it. */
    static JoinRefused nicknameInvalid(String problem) {
        return new JoinRefused(NICKNAME_INVALID, "nickname", "Nickname " + problem + ".");
    }

    /** A rule of the game: nickname-invalid, nickname-taken, game-full, game-started, game-ended... */
    static JoinRefused byRule(GameRuleViolation e) {
        return new JoinRefused(e.code(), e.code().startsWith("nickname") ? "nickname" : "game", e.getMessage());
    }

    /** Not refused by any rule: the game could not take the join in time; the player may try again. */
    static JoinRefused busy(String message) {
        return new JoinRefused(GAME_BUSY, null, message);
    }

    public String code() {
        return code;
    }

    /** The field the refusal names (pin, nickname or game); null when it is not about one. */
    public String field() {
        return field;
    }
}
