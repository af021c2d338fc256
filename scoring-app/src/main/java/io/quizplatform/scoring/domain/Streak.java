package io.quizplatform.scoring.domain;

/**
 * Consecutive correct answers. From the second in a row, a correct answer earns a bonus of 100 per answer in the
 * streak beyond the first (2nd: +100, 3rd: +200, ...), at most +500. A wrong or missing answer ends the streak;
 * polls and questions worth nothing neither extend nor end it.
 */
public record Streak(int length) {

    public static final int STEP = 100;
    public static final int MAX_BONUS = 500;
    public static final Streak NONE = new Streak(0);

    public Streak next(boolean correct) {
        return correct ? new Streak(length + 1) : NONE;
    }

    /** The bonus the answer that made this streak earns. */
    public int bonus() {
        return length < 2 ? 0 : Math.min(MAX_BONUS, STEP * (length - 1));
    }
}
