package io.quizplatform.scoring.domain;

import java.util.List;
import java.util.UUID;

/** The scoring settings and questions of a game; they never change once the game exists. */
public record GameRules(UUID gameId, boolean speedScoring, boolean streakBonus, List<Boolean> counting,
                        String status) {

    /** Completed, or given up on (its ranks and report may not exist then): nothing waits for its answers any more. */
    public boolean finished() {
        return "FINALIZED".equals(status) || "FINISHED_WITH_ERRORS".equals(status);
    }

    /** Still being played: no completion has read its scores yet. */
    public boolean playing() {
        return "PLAYING".equals(status);
    }

    /** Completed: its final ranks and report exist, and a late answer must be carried into them. */
    public boolean completed() {
        return "FINALIZED".equals(status);
    }

    /** The last counting question before {@code questionIndex} (-1 if none). */
    public int previousCounting(int questionIndex) {
        for (int i = Math.min(questionIndex, counting.size()) - 1; i >= 0; i--) {
            if (counting.get(i)) {
                return i;
            }
        }
        return -1;
    }

    /** The last counting question up to and including {@code questionIndex} (-1 if none). */
    public int lastCountingThrough(int questionIndex) {
        return previousCounting(questionIndex + 1);
    }
}
