package io.quizplatform.quiz.domain.game;

import io.quizplatform.contracts.EventEnvelope;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where an answer goes when the broker cannot take it in time (quiz-app's outbox implements it): committed there it
 * is as safe as in Kafka and is sent once the broker is back, keeping its event id. An answer kept twice (by itself
 * and by a close, see {@link #keepAhead}) is kept once.
 */
public interface SafekeptAnswers {

    /** Commits the answer in a transaction of its own. */
    void keep(EventEnvelope answer);

    /**
     * Writes these answers in the caller's transaction (a command that closes the question or ends the game), ahead of
     * the events the command appends next, so they reach the game's partition before its close.
     *
     * @return completed once that transaction ended: true when it committed (the answers are kept), false when not
     */
    CompletionStage<Boolean> keepAhead(List<EventEnvelope> answers);
}
