package io.quizplatform.answer.domain;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What answers a question of a game counts as right, copied from the game's creation (the quiz as it was then).
 *
 * @param type the question type as quiz events name it: SINGLE_CHOICE, MULTIPLE_CHOICE, TRUE_FALSE, TYPE_ANSWER, POLL
 */
public record AnswerKey(String type, int timeLimitSeconds, int points, List<String> optionIds,
                        List<String> correctOptionIds, List<String> acceptedAnswers) {

    /** The longest typed answer, in characters. */
    public static final int MAX_TEXT = 100;

    public AnswerKey {
        optionIds = optionIds == null ? List.of() : List.copyOf(optionIds);
        correctOptionIds = correctOptionIds == null ? List.of() : List.copyOf(correctOptionIds);
        acceptedAnswers = acceptedAnswers == null ? List.of() : List.copyOf(acceptedAnswers);
    }

    /**
     * @param correct       {@code null} for a poll (no right answer)
     * @param correctChosen right options picked; wrongChosen the others (multiple choice partial credit is scoring's)
     */
    public record Verdict(Boolean correct, int correctChosen, int wrongChosen, int correctTotal) {
    }

    public boolean poll() {
        return "POLL".equals(type);
    }

    public boolean typed() {
        return "TYPE_ANSWER".equals(type);
    }

    /**
     * Whether the answer names only this question's options, or is a typed answer to a typed question that can be
     * stored as it is (see {@link #storableText}). What does not fit is refused as {@code invalid-answer}: never
     * stored, never left to fail the transaction that decides it.
     */
    public boolean fits(List<String> chosen, String text) {
        if (typed()) {
            return storableText(text) && (chosen == null || chosen.isEmpty());
        }
        if (chosen == null || chosen.isEmpty() || text != null) {
            return false;
        }
        boolean onlyOne = "SINGLE_CHOICE".equals(type) || "TRUE_FALSE".equals(type);
        return (!onlyOne || chosen.size() == 1) && new HashSet<>(optionIds).containsAll(chosen)
                && new HashSet<>(chosen).size() == chosen.size();
    }

    /**
     * Right means: the one correct option (single choice, true/false); exactly the set of correct options (multiple
     * choice); a typed answer equal to an accepted one ignoring case, accents, spacing and surrounding punctuation.
     */
    public Verdict judge(List<String> chosen, String text) {
        if (poll()) {
            return new Verdict(null, 0, 0, 0);
        }
        if (typed()) {
            String typed = normalize(text);
            boolean right = acceptedAnswers.stream().map(AnswerKey::normalize).anyMatch(typed::equals);
            return new Verdict(right, right ? 1 : 0, right ? 0 : 1, 1);
        }
        Set<String> correct = new HashSet<>(correctOptionIds);
        int correctChosen = (int) chosen.stream().filter(correct::contains).count();
        int wrongChosen = chosen.size() - correctChosen;
        boolean right = wrongChosen == 0 && correctChosen == correct.size();
        return new Verdict(right, correctChosen, wrongChosen, correct.size());
    }

    /**
     * A typed answer as answer_db keeps it: not blank, at most {@value #MAX_TEXT} characters (code points, as
     * PostgreSQL counts them), no control characters (PostgreSQL refuses U+0000 in text), no lone surrogates (they
     * cannot be written as UTF-8 and would be stored as "?").
     */
    public static boolean storableText(String text) {
        if (text == null || text.isBlank() || text.codePointCount(0, text.length()) > MAX_TEXT) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** "  Île-de-France! " and "ile de france" are the same answer. */
    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return plain.toLowerCase(Locale.ROOT)
                .replaceAll("[\\p{Punct}\\s]+", " ")
                .strip();
    }
}
