package io.quizplatform.scoring.domain;

/**
 * The points of one answer, as Kahoot documents them: a correct answer scores round(P x (1 - (t/T)/2)), P the
 * question's points, t the response time, T the time limit; full points under half a second, never below half of P.
 * Questions worth 0 points and polls score nothing. With speed scoring off, a correct answer scores P.
 *
 * <p>Multiple choice: an answer earns the share (right options picked - wrong options picked) / right options,
 * never below zero, of what a fully correct answer at that speed would earn. Only a fully correct answer counts as
 * correct (for streaks and the correct count).
 */
public final class Points {

    static final long FULL_POINTS_UNDER_MS = 500;

    private Points() {
    }

    /** The points of a fully correct answer given after {@code responseMs}. */
    public static int forCorrect(int questionPoints, long responseMs, int timeLimitSeconds, boolean speedScoring) {
        if (questionPoints <= 0) {
            return 0;
        }
        if (!speedScoring || responseMs < FULL_POINTS_UNDER_MS) {
            return questionPoints;
        }
        double share = Math.min(1.0, Math.max(0, responseMs) / (timeLimitSeconds * 1000.0));
        return (int) Math.round(questionPoints * (1 - share / 2));
    }

    /**
     * @param correct       whether the answer is fully right ({@code null} for a poll)
     * @param correctChosen right options picked (multiple choice)
     * @param wrongChosen   wrong options picked (multiple choice)
     * @param correctTotal  right options there are (multiple choice; 0 or 1 for other types)
     */
    public static int forAnswer(int questionPoints, Boolean correct, int correctChosen, int wrongChosen, int correctTotal,
                                long responseMs, int timeLimitSeconds, boolean speedScoring) {
        if (correct == null || questionPoints <= 0) {
            return 0;
        }
        int full = forCorrect(questionPoints, responseMs, timeLimitSeconds, speedScoring);
        if (correct) {
            return full;
        }
        if (correctTotal <= 1) {
            return 0;
        }
        int earned = Math.max(0, correctChosen - wrongChosen);
        return (int) Math.round(full * (double) earned / correctTotal);
    }
}
