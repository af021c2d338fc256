package io.quizplatform.quiz.domain.game;

import java.time.Instant;

/** One line of a host's list of games: enough to find a game again (its quiz, when, how many played). */
public record PastGame(String id, String quizId, String quizTitle, String phase, int playerCount, Instant createdAt,
                       Instant startedAt, Instant endedAt) {
}
