package io.quizplatform.answer.domain;

/** Why an answer does not count, as a stable code and a sentence the player's screen can show. */
public enum Refusal {
    ALREADY_ANSWERED("already-answered", "You have already answered this question; your first answer counts."),
    QUESTION_CLOSED("question-closed", "Too late: this question closed before your answer arrived."),
    QUESTION_NOT_OPEN("question-not-open", "This question is not open for answers."),
    TOO_LATE("too-late", "Too late: time was up when your answer arrived."),
    KICKED("kicked", "The host removed you from this game."),
    NOT_A_PLAYER("not-a-player", "You are not a player of this game."),
    UNKNOWN_GAME("unknown-game", "This game is not known."),
    INVALID_ANSWER("invalid-answer", "This answer does not fit the question.");

    private final String code;
    private final String message;

    Refusal(String code, String message) {
        this.code = code;
        this.message = message;
    }

    public String code() { return code; }

    public String message() { return message; }
}
