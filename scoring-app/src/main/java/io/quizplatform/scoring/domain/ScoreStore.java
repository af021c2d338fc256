package io.quizplatform.scoring.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * scoring_db as scoring sees it: the games' {@link GameRules}, the players' scores ({@link PlayerRow}) and the answers
 * scored (the boards they make: {@link BoardStore}). The port beside the scoring rules, implemented by
 * {@code infrastructure.ScoringRepository}; every method runs in the caller's transaction.
 */
public interface ScoreStore {

    /** An answer as scored, written with the player's new row. */
    record ScoredAnswer(UUID gameId, int questionIndex, String playerId, UUID answerId, int points, int bonus,
                        Boolean correct, long responseMs) {
    }

    /** A scored answer as a late answer's re-scoring reads it. */
    record StoredAnswer(int questionIndex, int points, int bonus, Boolean correct, long responseMs) {
    }

    /** What scoring a batch changed in one game: its players' new rows and the answers that earned them. */
    record GameScores(UUID gameId, Collection<PlayerRow> players, List<ScoredAnswer> answers) {
    }

    /** Serialises work on one game across transactions, instances and consumers until this transaction ends. */
    void lockGame(UUID gameId);

    /** Locks these games as {@link #lockGame} does, in an order that two overlapping callers cannot deadlock on. */
    void lockGames(Collection<UUID> gameIds);

    /** The rules of a game, empty if scoring-app has not seen it created yet. */
    Optional<GameRules> rules(UUID gameId);

    /** The rules of those of these games scoring-app knows. */
    Map<UUID, GameRules> rules(Collection<UUID> gameIds);

    Map<String, PlayerRow> players(UUID gameId, Collection<String> playerIds);

    /** The rows of these players of these games (game → player id → row); those not seen yet as new rows. */
    Map<UUID, Map<String, PlayerRow>> players(Map<UUID, ? extends Collection<String>> playersByGame);

    void saveScores(UUID gameId, Collection<PlayerRow> players, List<ScoredAnswer> answers);

    /** Writes the players' new scores and the answers that earned them, of all these games. */
    void saveScores(List<GameScores> games);

    boolean isScored(UUID gameId, int questionIndex, String playerId);

    /** A player's scored answers in question order. */
    List<StoredAnswer> scoredAnswers(UUID gameId, String playerId);

    /** Writes re-scored bonuses, then the player's totals as the sum of their scored answers. */
    void rescored(UUID gameId, String playerId, List<StoredAnswer> answers, List<Integer> bonuses, StreakState streak);

    /** Records answer-app's tally of a question (the completion's sign of progress). */
    void tallied(UUID gameId, int questionIndex, int answered, int correct, String distributionJson,
                 String textAnswersJson, Instant at);

    /** Games whose boards may be in the board cache: created or ended within the last day. */
    List<UUID> recentGames();

    /** Reserves the versions of {@code count} events about the game; returns the last of them. */
    long reserveEventVersions(UUID gameId, int count);
}
