package io.quizplatform.quiz.domain.game;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A player's name in one game: 1 to 20 characters of letters, digits, spaces and . _ - (no markup can get
 * through), unique within the game ignoring case, accents and compatibility forms, so "Zoë" and "zoe", "Ada" and
 * "Ａｄａ" (fullwidth), "Straße" and "STRASSE" can't both join.
 */
public final class Nickname {

    public static final int MAX_LENGTH = 20;
    private static final Pattern ALLOWED = Pattern.compile("^[\\p{L}\\p{M}\\p{N}][\\p{L}\\p{M}\\p{N} ._-]*$");

    private Nickname() {
    }

    /** What is wrong with the nickname, if anything. */
    public static Optional<String> problem(String nickname) {
        if (nickname == null || nickname.isBlank()) {
            return Optional.of("a nickname is required");
        }
        if (CONTROL.matcher(nickname).find()) {
            // Refused, not rewritten: a tab or a line break would otherwise pass as a space.
            return Optional.of("may not contain control characters (tabs, line breaks)");
        }
        String n = normalizeSpaces(nickname);
        if (n.codePointCount(0, n.length()) > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        if (!ALLOWED.matcher(n).matches()) {
            return Optional.of("may contain letters, digits, spaces and . _ - only, and must start with a letter or digit");
        }
        return Optional.empty();
    }

    // Compiled once: replaying a game of 10,000 players normalizes 10,000 nicknames.
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");
    private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}");
    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("\\p{Cc}");

    public static String normalizeSpaces(String nickname) {
        return SPACES.matcher(nickname.strip()).replaceAll(" ");
    }

    /**
     * The form two nicknames are compared in: compatibility forms folded (fullwidth and mathematical letters are the
     * letters they look like), accents dropped, case folded fully (upper, then lower: "ß" is "ss").
     */
    public static String key(String nickname) {
        String compatible = Normalizer.normalize(normalizeSpaces(nickname), Normalizer.Form.NFKC);
        String decomposed = Normalizer.normalize(compatible, Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("").toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }
}
