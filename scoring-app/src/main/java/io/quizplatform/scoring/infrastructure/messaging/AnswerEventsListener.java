package io.quizplatform.scoring.infrastructure.messaging;

import io.quizplatform.contracts.AnswerSubmitted;
import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.contracts.QuestionTallied;
import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.messaging.EventCodec;
import io.quizplatform.platform.messaging.EventHandler;
import io.quizplatform.scoring.application.AnswerScoring;
import io.quizplatform.scoring.domain.GameRules;
import io.quizplatform.scoring.infrastructure.GameRepository;
import io.quizplatform.scoring.infrastructure.ScoringRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads answer-app's decisions from answer-events (key = game id: a game's answers and tallies in order). Events of a
 * game scoring-app has not seen created yet wait in scoring_db until game.created arrives on quiz-events.
 */
@ApplicationScoped
public class AnswerEventsListener implements EventHandler {

    private static final Set<String> TYPES = Set.of(EventTypes.ANSWER_SUBMITTED, EventTypes.ANSWER_QUESTION_TALLIED);

    @Inject
    AnswerScoring scoring;

    @Inject
    ScoringRepository repository;

    @Inject
    GameRepository games;

    @Override
    public Topic topic() {
        return Topic.ANSWER_EVENTS;
    }

    @Override
    public boolean handles(String eventType) {
        return TYPES.contains(eventType);
    }

    @Override
    public void apply(EventEnvelope event) {
        UUID gameId = UUID.fromString(event.aggregateId());
        if (scoring.rules(gameId).isEmpty()) {
            // The lock orders this against the game's creation: either it sees the game, or creation sees this row.
            repository.lockGame(gameId);
            if (scoring.rules(gameId).isEmpty()) {
                games.waitForGame(gameId, EventCodec.encode(event));
                return;
            }
        }
        applyKnown(event);
    }

    /** Applies an event of a game scoring-app knows (also the events that waited for it). */
    public void applyKnown(EventEnvelope event) {
        switch (event.type()) {
            case EventTypes.ANSWER_SUBMITTED -> scoring.answerAccepted(EventCodec.payloadFromJson(event, AnswerSubmitted.class));
            case EventTypes.ANSWER_QUESTION_TALLIED -> scoring.questionTallied(EventCodec.payloadFromJson(event, QuestionTallied.class));
            default -> throw new IllegalArgumentException("not an answer event scoring-app reads: " + event.type());
        }
    }

    /**
     * Why an event of a now known game cannot be applied (it would fail however often it is tried), if so: checked
     * before the events that waited for the game are applied, so that one bad event does not fail the game's creation.
     */
    public Optional<String> problemWith(EventEnvelope event, GameRules game) {
        try {
            int questionIndex = switch (event.type()) {
                case EventTypes.ANSWER_SUBMITTED -> {
                    AnswerSubmitted answer = EventCodec.payloadFromJson(event, AnswerSubmitted.class);
                    UUID.fromString(answer.answerId());
                    if (answer.playerId() == null || answer.playerId().isBlank()) {
                        yield -1;
                    }
                    yield answer.questionIndex();
                }
                case EventTypes.ANSWER_QUESTION_TALLIED -> EventCodec.payloadFromJson(event, QuestionTallied.class).questionIndex();
                default -> -1;
            };
            if (questionIndex < 0 || questionIndex >= game.counting().size()) {
                return Optional.of("not applicable to game " + game.gameId() + " (" + game.counting().size() + " questions): "
                        + event.type() + " for question " + questionIndex + " or without a player");
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("unreadable " + event.type() + ": " + e.getMessage());
        }
    }

    /** The batch's games, so that they are locked and their rules read for all of them at once. */
    @Override
    public void startOfBatch(List<EventEnvelope> events) {
        scoring.gamesComing(gamesOf(events));
    }

    /** The games these events are about (an event without a readable game id fails as it comes, and goes its own way). */
    static Set<UUID> gamesOf(List<EventEnvelope> events) {
        Set<UUID> games = new LinkedHashSet<>();
        for (EventEnvelope event : events) {
            try {
                games.add(UUID.fromString(event.aggregateId()));
            } catch (IllegalArgumentException | NullPointerException e) {
                // not locked ahead
            }
        }
        return games;
    }

    @Override
    public void endOfBatch() {
        scoring.endOfBatch();
    }
}
