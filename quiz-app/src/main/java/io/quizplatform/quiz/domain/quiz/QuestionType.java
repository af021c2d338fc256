package io.quizplatform.quiz.domain.quiz;

/** The kinds of question a quiz can hold; the wire names are the lower-case forms used in events and the API. */
public enum QuestionType {
    SINGLE_CHOICE("single-choice"),
    MULTIPLE_CHOICE("multiple-choice"),
    TRUE_FALSE("true-false"),
    TYPE_ANSWER("type-answer"),
    POLL("poll");

    private final String wireName;

    QuestionType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static QuestionType fromWireName(String name) {
        for (QuestionType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
