package io.quizplatform.quiz.domain.quiz;

/**
 * What a quiz's texts may hold beyond their length: no control characters (U+0000 to U+001F, U+007F to U+009F), but
 * line breaks and tabs where a text runs over lines (a question, a description). A control character shows as
 * nothing or as a box on every screen, and costs six bytes in an event (written {@code \u0001}): a quiz of them made
 * a game's creation too large for Kafka.
 */
final class QuizText {

    private QuizText() {
    }

    static boolean hasControl(String text, boolean linesAllowed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && !(linesAllowed && (c == '\n' || c == '\r' || c == '\t'))) {
                return true;
            }
        }
        return false;
    }

    /** The text with each control character it may not hold made a space (for copies of quizzes from before). */
    static String cleaned(String text, boolean linesAllowed) {
        if (text == null || !hasControl(text, linesAllowed)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) && !(linesAllowed && (c == '\n' || c == '\r' || c == '\t')) ? ' ' : c);
        }
        return out.toString();
    }

    static RuleViolation.Violation violation(String field, boolean linesAllowed) {
        return new RuleViolation.Violation(field, "control-characters", linesAllowed
                ? "may not contain control characters other than line breaks and tabs"
                : "may not contain control characters (tabs, line breaks)");
    }
}
