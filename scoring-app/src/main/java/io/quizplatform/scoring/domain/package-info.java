/**
 * Scoring rules, free of Jakarta and Kafka: {@link io.quizplatform.scoring.domain.Points} for one answer,
 * {@link io.quizplatform.scoring.domain.Streak} for the bonus, {@link io.quizplatform.scoring.domain.PlayerScore}
 * for a player's game and {@link io.quizplatform.scoring.domain.Ranking} for the order and its tie rule.
 */
package io.quizplatform.scoring.domain;
