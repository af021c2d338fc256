package io.quizplatform.quiz.domain.game;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The games as committed, for a view kept elsewhere to compare itself with (the event store implements it). */
public interface CommittedGames {

    /** The game as committed, to read only (shared with other readers). */
    Optional<Game> latest(UUID gameId);

    /** The committed version of each of these games, all at once; a game without events is left out. */
    Map<UUID, Long> versions(Collection<UUID> gameIds);
}
