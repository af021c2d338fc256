package io.quizplatform.quiz.domain.game;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A player's name in one game: 1 to 20 characters of letters, digits, spaces and . _ - (no markup can get
 * through), unique within the game ignoring case and accents, so "Zoë" and "zoe" can't both join.
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

    public static String normalizeSpaces(String nickname) {
        return SPACES.matcher(nickname.strip()).replaceAll(" ");
    }

    /** The form two nicknames are compared in. */
    public static String key(String nickname) {
        String decomposed = Normalizer.normalize(normalizeSpaces(nickname), Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }
}
