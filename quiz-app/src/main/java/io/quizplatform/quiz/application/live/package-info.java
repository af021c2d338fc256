/**
 * The live game on this instance, as one application service behind two ports. In: hellos and answers from the
 * socket adapter, game changes (announced by {@link io.quizplatform.quiz.application.GameChanges}, which calls
 * {@link io.quizplatform.quiz.application.live.GamePushes#changed}),
 * answer-app's decisions and scoring-app's scores ({@link io.quizplatform.quiz.application.live.LiveGameNews}, called
 * by the fan-out consumer). Out: strings to connections ({@link io.quizplatform.quiz.application.live.GameConnections},
 * implemented by the socket adapter), written from typed {@link io.quizplatform.quiz.application.live.ServerMessage}
 * records by JSON-B ({@link io.quizplatform.quiz.application.live.LiveMessages}), and who is online
 * ({@link io.quizplatform.quiz.application.live.PlayersOnline}, Redis). Hellos and answers are {@code LiveGames}';
 * the push rules (per role, once per version, the roster throttled) are in {@code GamePushes} and
 * {@code LiveResults}; the early close is {@link io.quizplatform.quiz.application.live.EveryoneAnswered}, on a pool
 * thread.
 */
package io.quizplatform.quiz.application.live;
