package io.quizplatform.quiz.application;

import io.quizplatform.contracts.EventTypes;
import io.quizplatform.contracts.QuestionOpened;
import io.quizplatform.platform.Failures;
import io.quizplatform.platform.messaging.EventCodec;
import io.quizplatform.platform.outbox.OutboxRelay;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Which question of each game this instance knows to be opened in quiz-events. A phone may hear of an opening before
 * its event is in Kafka (the instance that opened the question pushes it at once); an answer sent straight to Kafka
 * then could land in the game's partition ahead of the opening and be refused by answer-app. Until the opening is
 * known to be there, answers go through quiz-app's outbox instead, whose rows are published in the order they were
 * written, so after the opening's.
 *
 * <p>An opening is known to be there once the broker acknowledged it to this instance's outbox relay, or once the game
 * fan-out read it back (an opening another instance recorded). Waiting for the fan-out alone cost a lot under a
 * classroom burst: it ran up to a second behind, and until it caught up every answer took the slower way through the
 * outbox (17,549 of 80,535 answers over two runs of 100 games of 100).
 */
@ApplicationScoped
public class QuestionOpenings {

    private static final Logger LOG = Logger.getLogger(QuestionOpenings.class.getName());

    @Inject
    OutboxRelay relay;

    private final Map<String, Integer> confirmed = new ConcurrentHashMap<>();

    void listen(@Observes @Priority(Interceptor.Priority.APPLICATION + 900) @Initialized(ApplicationScoped.class) Object ignored) {
        relay.whenPublished(EventTypes.GAME_QUESTION_OPENED, published -> published(published.key(), published.envelope()));
    }

    /** An opening this instance's relay has sent: the broker has it. */
    private void published(String gameId, String envelope) {
        try {
            logged(gameId, EventCodec.payloadFromJson(EventCodec.decode(envelope), QuestionOpened.class).questionIndex());
        } catch (RuntimeException e) {
            // Its answers keep going through the outbox (slower, still behind it) unless the fan-out reads it back.
            LOG.warning("a sent opening of game " + gameId + " could not be read: " + Failures.describe(e));
        }
    }

    /** The opening of the question is in quiz-events. */
    public void logged(String gameId, int questionIndex) {
        confirmed.merge(gameId, questionIndex, Math::max);
    }

    /** Whether an answer to the question can go straight to Kafka and still come after its opening. */
    public boolean inLog(String gameId, int questionIndex) {
        Integer known = confirmed.get(gameId);
        return known != null && known >= questionIndex;
    }

    public void forget(String gameId) {
        confirmed.remove(gameId);
    }
}
