package io.quizplatform.scoring.application;

import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.platform.messaging.EventCodec;
import io.quizplatform.platform.outbox.Outbox;
import io.quizplatform.scoring.domain.ScoreStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What scoring-app announces about a game on scoring-events (aggregate "score", id = game id, so a game's boards and
 * its end stay in order), through scoring_db's outbox in the caller's transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ScoreEvents {

    private static final String AGGREGATE = "score";

    @Inject
    ScoreStore repository;

    @Inject
    Outbox outbox;

    public void publish(UUID gameId, String type, Object payload) {
        publishAll(gameId, type, List.of(payload));
    }

    /** Several events of one type (a board's parts) with one reservation of their versions. */
    public void publishAll(UUID gameId, String type, List<?> payloads) {
        long version = repository.reserveEventVersions(gameId, payloads.size()) - payloads.size();
        Instant now = Instant.now();
        List<EventEnvelope> events = new java.util.ArrayList<>(payloads.size());
        for (Object payload : payloads) {
            events.add(EventEnvelope.newEvent(type, AGGREGATE, gameId.toString(), ++version, now,
                    EventCodec.payloadToJson(payload)));
        }
        // Together, in version order (rows persisted one by one in a transaction may reach the table in another).
        outbox.appendAll(events);
    }
}
