/**
 * The live game socket ({@code /quiz/ws/games/{gameId}}, docs/PROTOCOL.md): {@link io.quizplatform.quiz.api.ws.GameSocket}
 * puts each message together from its frames and bounds it whole; {@link io.quizplatform.quiz.api.ws.ClientMessages}
 * reads it strictly into a typed {@link io.quizplatform.quiz.api.ws.ClientMessage} or a refusal naming the code and
 * the field (pure, no socket types, fuzzed); {@link io.quizplatform.quiz.api.ws.GameSessions} checks who may send it
 * and hands it to the application, and pushes the game's changes to the connections of this instance.
 */
package io.quizplatform.quiz.api.ws;
