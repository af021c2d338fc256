package io.quizplatform.scoring.domain;

import java.util.Optional;
import java.util.UUID;

/**
 * Finished games' reports: assembled from what scoring_db holds of a game, kept as JSON and read back. Implemented by
 * {@code infrastructure.ReportRepository}; every method runs in the caller's transaction.
 */
public interface ReportStore {

    /** The game's report as of now, from its questions, tallies, players and scored answers. */
    Report assemble(UUID gameId);

    /** Keeps the report's JSON; a rebuilt report replaces the one kept. */
    void save(UUID gameId, String json);

    /** The report kept, as JSON; empty before it was built. */
    Optional<String> find(UUID gameId);

    /** Whether a report was built for the game (without reading it). */
    boolean exists(UUID gameId);
}
