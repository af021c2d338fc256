package io.quizplatform.scoring.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders players: the higher total first; on equal totals, the smaller total response time (the faster player)
 * first; then the player id, so the order is the same on every instance.
 */
public final class Ranking {

    public static final Comparator<PlayerScore> ORDER = Comparator.comparingInt(PlayerScore::total).reversed()
            .thenComparingLong(PlayerScore::totalResponseMs)
            .thenComparing(PlayerScore::playerId);

    /** A player's place: rank 1 is first; equal places never happen (ties are broken). */
    public record Place(int rank, PlayerScore score) {
    }

    private Ranking() {
    }

    public static List<Place> of(List<PlayerScore> scores) {
        List<PlayerScore> sorted = new ArrayList<>(scores);
        sorted.sort(ORDER);
        List<Place> places = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            places.add(new Place(i + 1, sorted.get(i)));
        }
        return places;
    }
}
