package io.quizplatform.quiz.domain.game;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Games nothing has happened to since a moment (the event store implements it): hosts who left without ending. */
public interface IdleGames {

    /** Up to {@code limit} games not ended whose last event was recorded before {@code cutoff}, the longest idle first. */
    List<UUID> idleSince(Instant cutoff, int limit);

    /** Whether the game's last event is still before {@code cutoff}; asked in the game's command, under its lock. */
    boolean stillIdleSince(UUID gameId, Instant cutoff);
}
