package io.quizplatform.scoring.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders players: the higher total first; on equal totals, the player who gave more answers (right or wrong) first,
 * so a player who did not answer never wins a tie against one who did; then the smaller total response time (the
 * faster player); then the player id, so the order is the same on every instance. Queries that sort in PostgreSQL
 * ({@code ORDER BY total DESC, answered DESC, total_response_ms, player_id COLLATE "C"}) and the Redis sorted set's
 * packed score follow the same rule; the board sent after each question is put in this order here.
 */
public final class Ranking {

    /** What the order looks at. */
    public interface Ranked {
        int total();

        /** How many questions the player answered (right, wrong or a poll). */
        int answers();

        long totalResponseMs();

        String playerId();
    }

    public static final Comparator<Ranked> ORDER = Comparator.comparingInt(Ranked::total).reversed()
            .thenComparing(Comparator.comparingInt(Ranked::answers).reversed())
            .thenComparingLong(Ranked::totalResponseMs)
            .thenComparing(Ranked::playerId);

    private Ranking() {
    }

    /** The players best first; the rank of each is its position + 1 (ties are broken, so ranks never repeat). */
    public static <T extends Ranked> List<T> sorted(List<T> players) {
        List<T> sorted = new ArrayList<>(players);
        sorted.sort(ORDER);
        return sorted;
    }
}
