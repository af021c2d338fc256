package io.quizplatform.quiz.domain.game;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** The 6-digit code players type to join. Unique among live games (checked where games are stored). */
public record GamePin(String value) {

    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public GamePin {
        if (value == null || !SIX_DIGITS.matcher(value).matches()) {
            throw new IllegalArgumentException("a game PIN is 6 digits");
        }
    }

    /** A random PIN; no leading zero, so it reads the same when spoken or typed as a number. */
    public static GamePin random() {
        return new GamePin(Integer.toString(100_000 + RANDOM.nextInt(900_000)));
    }

    public static boolean isWellFormed(String candidate) {
        return candidate != null && SIX_DIGITS.matcher(candidate).matches();
    }
}
