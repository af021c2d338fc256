package io.quizplatform.scoring.domain;

/**
 * A player's streak as stored between answers: its length and the counting question that last extended it. A
 * streak continues only if the player's next counting answer is to the very next counting question; a question
 * they skipped in between ended it, without anyone having to write that down when it closed.
 */
public record StreakState(int length, int lastQuestion) {

    public static final StreakState NONE = new StreakState(0, -1);

    /** Whether the streak still runs after {@code lastCountingQuestion} (the latest counting question so far). */
    public boolean runsThrough(int lastCountingQuestion) {
        return length > 0 && lastQuestion == lastCountingQuestion;
    }

    /** The streak to show after {@code lastCountingQuestion} closed: 0 if the player missed or failed it. */
    public int shownAfter(int lastCountingQuestion) {
        return runsThrough(lastCountingQuestion) ? length : 0;
    }
}
