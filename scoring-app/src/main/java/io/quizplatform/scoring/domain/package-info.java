/**
 * Scoring rules, free of Jakarta and Kafka: {@link io.quizplatform.scoring.domain.Points} for one answer,
 * {@link io.quizplatform.scoring.domain.Streak} for the bonus, {@link io.quizplatform.scoring.domain.AnswerScore}
 * for what an answer earns given the player's {@link io.quizplatform.scoring.domain.StreakState}, and
 * {@link io.quizplatform.scoring.domain.Ranking} for the order and its tie rule.
 *
 * <p>Beside them the ports the use cases reach storage through, with the data they carry (implemented in
 * {@code infrastructure}): {@link io.quizplatform.scoring.domain.ScoreStore} (games' rules, players' scores),
 * {@link io.quizplatform.scoring.domain.BoardStore} (the boards those scores make),
 * {@link io.quizplatform.scoring.domain.BoardCache} (the fast copy of the boards),
 * {@link io.quizplatform.scoring.domain.FinalizationStore} (the game-completion sagas) and
 * {@link io.quizplatform.scoring.domain.ReportStore} (finished games' {@link io.quizplatform.scoring.domain.Report}s).
 */
package io.quizplatform.scoring.domain;
