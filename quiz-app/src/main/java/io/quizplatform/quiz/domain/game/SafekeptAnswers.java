package io.quizplatform.quiz.domain.game;

import io.quizplatform.contracts.EventEnvelope;

/**
 * Where an answer goes when the broker cannot take it in time (quiz-app's outbox implements it): committed there it
 * is as safe as in Kafka and is sent once the broker is back, keeping its event id.
 */
public interface SafekeptAnswers {

    /** Commits the answer in a transaction of its own. */
    void keep(EventEnvelope answer);
}
