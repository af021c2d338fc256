package io.quizplatform.quiz.application;

import io.quizplatform.contracts.EventTypes;
import io.quizplatform.platform.Failures;
import io.quizplatform.platform.messaging.EventCodec;
import io.quizplatform.platform.outbox.OutboxRelay;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * How far each game's events are known to be in quiz-events (the game's version). An answer is checked against the
 * game as this instance knows it, and answer-app decides it against the game's events that precede it in the
 * partition; so it may go straight to Kafka only once every event it was checked against is there. Otherwise it could
 * overtake them: an opening the instance pushed before its relay sent it (refused `question-not-open`), or the join of
 * a player who joined while the broker was away and whose join still waits in the relay's backoff when the answer's
 * direct send gets through (refused `not-a-player`). Until then answers go through quiz-app's outbox, whose rows are
 * published in the order they were written, so behind those events (every instance writes to the one outbox).
 *
 * <p>A version is known to be there once the broker acknowledged its event to this instance's outbox relay, or once
 * the game fan-out read it back (an event another instance recorded). Waiting for the fan-out alone cost a lot under a
 * classroom burst: it ran up to a second behind, and until it caught up every answer took the slower way through the
 * outbox (17,549 of 80,535 answers over two runs of 100 games of 100).
 */
@ApplicationScoped
public class GameEventsInLog {

    private static final Logger LOG = Logger.getLogger(GameEventsInLog.class.getName());
    /**
     * The game's own events, whose versions an answer depends on (not the answers, which carry no game version; not
     * the end, after which no answer counts and the game is forgotten here).
     */
    static final List<String> GAME_EVENTS = List.of(EventTypes.GAME_CREATED, EventTypes.GAME_PLAYER_JOINED,
            EventTypes.GAME_PLAYER_KICKED, EventTypes.GAME_STARTED, EventTypes.GAME_QUESTION_PREVIEWED,
            EventTypes.GAME_QUESTION_OPENED, EventTypes.GAME_QUESTION_CLOSED);

    @Inject
    OutboxRelay relay;

    private final Map<String, Long> logged = new ConcurrentHashMap<>();

    void listen(@Observes @Priority(Interceptor.Priority.APPLICATION + 900) @Initialized(ApplicationScoped.class) Object ignored) {
        GAME_EVENTS.forEach(type -> relay.whenPublished(type, published -> published(published.key(), published.envelope())));
    }

    /** A game event this instance's relay has sent: the broker has it. */
    private void published(String gameId, String envelope) {
        try {
            logged(gameId, EventCodec.decode(envelope).version());
        } catch (RuntimeException e) {
            // The game's answers keep going through the outbox (slower, still behind it) until a later version is known.
            LOG.warning("a sent event of game " + gameId + " could not be read: " + Failures.describe(e));
        }
    }

    /** The game's events up to this version are in quiz-events (one partition: all that precede it are too). */
    public void logged(String gameId, long version) {
        logged.merge(gameId, version, Math::max);
    }

    /**
     * Whether an answer depending on this version of the game ({@code Game.versionAnAnswerDependsOn}) can go straight
     * to Kafka and still come after it.
     */
    public boolean holds(String gameId, long version) {
        Long known = logged.get(gameId);
        return known != null && known >= version;
    }

    public void forget(String gameId) {
        logged.remove(gameId);
    }
}
