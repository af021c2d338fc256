/**
 * The live game (issue 5, domain only so far): a host runs a published quiz for players who joined with a PIN.
 * Event-sourced like quizzes; the WebSocket endpoints, timers and answer handling build on it.
 */
package io.quizplatform.quiz.domain.game;
