package io.quizplatform.answer.infrastructure.messaging;

import io.quizplatform.answer.application.AnswerDecisions;
import io.quizplatform.answer.domain.AnswerKey;
import io.quizplatform.contracts.AnswerReceived;
import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.messaging.EventCodec;
import io.quizplatform.platform.messaging.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads a game's events and its received answers from quiz-events, in the order of the game's partition, and hands
 * them to {@link AnswerDecisions}. The platform applies each event once, in one transaction with its effects.
 */
@ApplicationScoped
public class GameEventsListener implements EventHandler {

    private static final Set<String> TYPES = Set.of(EventTypes.GAME_CREATED, EventTypes.GAME_PLAYER_JOINED,
            EventTypes.GAME_PLAYER_KICKED, EventTypes.GAME_QUESTION_OPENED, EventTypes.GAME_QUESTION_CLOSED,
            EventTypes.GAME_ENDED, EventTypes.GAME_ANSWER_RECEIVED);

    /** The parts of the game events answer-app reads (the schemas in event-contracts have the rest). */
    public record Created(String gameId, String hostId, List<Question> questions, Instant at) {
    }

    public record Question(String type, int timeLimitSeconds, int points, List<Option> options, List<String> acceptedAnswers) {
    }

    public record Option(String id, boolean correct) {
    }

    public record PlayerRef(String playerId) {
    }

    public record Opened(int questionIndex, Instant at, Instant closesAt) {
    }

    public record Closed(int questionIndex, Instant at) {
    }

    public record Ended(Instant at) {
    }

    @Inject
    AnswerDecisions decisions;

    @Override
    public Topic topic() {
        return Topic.QUIZ_EVENTS;
    }

    @Override
    public boolean handles(String eventType) {
        return TYPES.contains(eventType);
    }

    @Override
    public void apply(EventEnvelope event) {
        UUID gameId = UUID.fromString(event.aggregateId());
        switch (event.type()) {
            case EventTypes.GAME_CREATED -> {
                Created created = EventCodec.payloadFromJson(event, Created.class);
                decisions.gameCreated(gameId, created.hostId(), created.at(), keys(created));
            }
            case EventTypes.GAME_PLAYER_JOINED -> decisions.playerJoined(gameId, player(event));
            case EventTypes.GAME_PLAYER_KICKED -> decisions.playerKicked(gameId, player(event));
            case EventTypes.GAME_QUESTION_OPENED -> {
                Opened opened = EventCodec.payloadFromJson(event, Opened.class);
                decisions.questionOpened(gameId, opened.questionIndex(), opened.at(), opened.closesAt());
            }
            case EventTypes.GAME_QUESTION_CLOSED -> {
                Closed closed = EventCodec.payloadFromJson(event, Closed.class);
                decisions.questionClosed(gameId, closed.questionIndex(), closed.at());
            }
            case EventTypes.GAME_ENDED -> decisions.gameEnded(gameId, EventCodec.payloadFromJson(event, Ended.class).at());
            case EventTypes.GAME_ANSWER_RECEIVED -> decisions.answerReceived(EventCodec.payloadFromJson(event, AnswerReceived.class));
            default -> throw new IllegalArgumentException("not a game event answer-app reads: " + event.type());
        }
    }

    @Override
    public void endOfBatch() {
        decisions.endOfBatch();
    }

    private static UUID player(EventEnvelope event) {
        return UUID.fromString(EventCodec.payloadFromJson(event, PlayerRef.class).playerId());
    }

    static List<AnswerKey> keys(Created created) {
        List<Question> questions = created.questions() == null ? List.of() : created.questions();
        return questions.stream().map(q -> {
            List<Option> options = q.options() == null ? List.of() : q.options();
            return new AnswerKey(q.type(), q.timeLimitSeconds(), q.points(),
                    options.stream().map(Option::id).toList(),
                    options.stream().filter(Option::correct).map(Option::id).toList(),
                    q.acceptedAnswers());
        }).toList();
    }
}
