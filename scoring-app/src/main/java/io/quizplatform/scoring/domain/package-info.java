/**
 * Scoring rules, free of Jakarta and Kafka: {@link io.quizplatform.scoring.domain.Points} for one answer,
 * {@link io.quizplatform.scoring.domain.Streak} for the bonus, {@link io.quizplatform.scoring.domain.AnswerScore}
 * for what an answer earns given the player's {@link io.quizplatform.scoring.domain.StreakState}, and
 * {@link io.quizplatform.scoring.domain.Ranking} for the order and its tie rule.
 */
package io.quizplatform.scoring.domain;
