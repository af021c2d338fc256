package io.quizplatform.quiz.infrastructure.outbox;

import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.platform.outbox.Outbox;
import io.quizplatform.quiz.domain.game.SafekeptAnswers;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where an answer goes when the broker cannot take it in time: quiz-app's outbox, in quiz_db. Committed there it is
 * as safe as in Kafka, and the relay sends it, in the order it was written (so ahead of a close recorded after it),
 * once the broker is back. It keeps its event id: if the direct send gets through as well, answer-app applies it once;
 * if a close wrote it ahead of itself already, the row stays where the close put it.
 */
@ApplicationScoped
public class AnswerSafekeeping implements SafekeptAnswers {

    @Inject
    Outbox outbox;

    @Resource
    TransactionSynchronizationRegistry transaction;

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void keep(EventEnvelope answer) {
        outbox.appendUnlessPresent(List.of(answer));
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public CompletionStage<Boolean> keepAhead(List<EventEnvelope> answers) {
        outbox.appendUnlessPresent(answers);
        CompletableFuture<Boolean> committed = new CompletableFuture<>();
        transaction.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                committed.complete(status == Status.STATUS_COMMITTED);
            }
        });
        return committed;
    }
}
