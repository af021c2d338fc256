package io.quizplatform.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code score.question-scored}: every answer to a closed question is scored. A game's board is sent in
 * parts of at most {@link #MAX_LINES_PER_PART} player lines (ten thousand players would not fit one record); every
 * part carries the top of the board for the host. Each player is to be shown only their own line.
 *
 * @param players how many players the board ranks
 */
public record QuestionScored(String gameId, int questionIndex, int part, int parts, int players, List<Standing> leaders,
                             List<Line> lines, Instant at) {

    public static final int MAX_LINES_PER_PART = 500;
    public static final int LEADERS = 10;

    /**
     * One player after the question.
     *
     * @param points  what the question earned, streak bonus included
     * @param bonus   the streak bonus within {@code points}
     * @param correct whether the answer was fully right; {@code null} (absent) for a poll or no answer
     * @param ahead   the player one place higher, {@code null} for the leader
     */
    public record Line(String playerId, int rank, int points, int bonus, int total, Boolean correct, boolean answered,
                       int streak, Ahead ahead) {
    }

    public record Ahead(String nickname, int total) {
    }
}
