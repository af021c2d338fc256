/**
 * The live game socket ({@code /quiz/ws/games/{gameId}}, docs/PROTOCOL.md), a thin adapter: {@link io.quizplatform.quiz.api.ws.GameSocket}
 * puts each message together from its frames and bounds it whole; {@link io.quizplatform.quiz.api.ws.ClientMessages}
 * reads it strictly into a typed {@link io.quizplatform.quiz.api.ws.ClientMessage} or a refusal naming the code and
 * the field (pure, no socket types, fuzzed); {@link io.quizplatform.quiz.api.ws.GameSessions} checks the rate and
 * who may send what, authenticates hellos and hands them and the answers to
 * {@link io.quizplatform.quiz.application.live.LiveGames}; {@link io.quizplatform.quiz.api.ws.OpenSockets} holds this
 * instance's connections by game and writes what goes back as given, through each connection's queue
 * ({@link io.quizplatform.quiz.api.ws.Outbound}).
 */
package io.quizplatform.quiz.api.ws;
