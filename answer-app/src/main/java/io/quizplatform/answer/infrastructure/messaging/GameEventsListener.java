package io.quizplatform.answer.infrastructure.messaging;

import io.quizplatform.answer.application.AnswerDecisions;
import io.quizplatform.answer.domain.AnswerKey;
import io.quizplatform.contracts.AnswerReceived;
import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.contracts.GameCreated;
import io.quizplatform.contracts.GameEnded;
import io.quizplatform.contracts.PlayerJoined;
import io.quizplatform.contracts.PlayerKicked;
import io.quizplatform.contracts.QuestionClosed;
import io.quizplatform.contracts.QuestionOpened;
import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.messaging.EventCodec;
import io.quizplatform.platform.messaging.EventHandler;
import io.quizplatform.platform.persistence.InTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** The events that change a game's answer window (its row, locked at the start of the batch with the others). */
    private static final Set<String> CHANGING = Set.of(EventTypes.GAME_QUESTION_OPENED, EventTypes.GAME_QUESTION_CLOSED,
            EventTypes.GAME_ENDED);

    @Inject
    AnswerDecisions decisions;

    @Inject
    InTransaction inTransaction;

    /** The batch's answers as {@link #startOfBatch} read them, by event id: each is decoded once. */
    private Map<String, AnswerReceived> read() {
        return inTransaction.kept(AnswerReceived.class, HashMap::new);
    }

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
                GameCreated created = EventCodec.payloadFromJson(event, GameCreated.class);
                decisions.gameCreated(gameId, created.hostId(), created.at(), keys(created));
            }
            case EventTypes.GAME_PLAYER_JOINED -> decisions.playerJoined(gameId,
                    UUID.fromString(EventCodec.payloadFromJson(event, PlayerJoined.class).playerId()));
            case EventTypes.GAME_PLAYER_KICKED -> decisions.playerKicked(gameId,
                    UUID.fromString(EventCodec.payloadFromJson(event, PlayerKicked.class).playerId()));
            case EventTypes.GAME_QUESTION_OPENED -> {
                QuestionOpened opened = EventCodec.payloadFromJson(event, QuestionOpened.class);
                decisions.questionOpened(gameId, opened.questionIndex(), opened.at(), opened.closesAt());
            }
            case EventTypes.GAME_QUESTION_CLOSED -> {
                QuestionClosed closed = EventCodec.payloadFromJson(event, QuestionClosed.class);
                decisions.questionClosed(gameId, closed.questionIndex(), closed.at());
            }
            case EventTypes.GAME_ENDED -> decisions.gameEnded(gameId, EventCodec.payloadFromJson(event, GameEnded.class).at());
            case EventTypes.GAME_ANSWER_RECEIVED -> {
                AnswerReceived answer = read().remove(event.id());
                decisions.answerReceived(answer != null ? answer : EventCodec.payloadFromJson(event, AnswerReceived.class));
            }
            default -> throw new IllegalArgumentException("not a game event answer-app reads: " + event.type());
        }
    }

    /** The batch's answers and the games it opens, closes or ends, so that they are read and locked all at once. */
    @Override
    public void startOfBatch(List<EventEnvelope> events) {
        List<AnswerReceived> answers = new java.util.ArrayList<>();
        Set<UUID> changing = new java.util.LinkedHashSet<>();
        for (EventEnvelope event : events) {
            if (CHANGING.contains(event.type())) {
                try {
                    changing.add(UUID.fromString(event.aggregateId()));
                } catch (IllegalArgumentException | NullPointerException e) {
                    // fails as it comes
                }
            } else if (EventTypes.GAME_ANSWER_RECEIVED.equals(event.type())) {
                try {
                    AnswerReceived answer = EventCodec.payloadFromJson(event, AnswerReceived.class);
                    answers.add(answer);
                    read().put(event.id(), answer);
                } catch (RuntimeException e) {
                    // Not readable: apply fails on it as it comes, and it goes its own way (retries, the dead-letter topic).
                }
            }
        }
        decisions.batchComing(answers, changing);
    }

    @Override
    public void endOfBatch() {
        decisions.endOfBatch();
    }

    static List<AnswerKey> keys(GameCreated created) {
        List<GameCreated.Question> questions = created.questions() == null ? List.of() : created.questions();
        return questions.stream().map(q -> {
            List<GameCreated.Option> options = q.options() == null ? List.of() : q.options();
            return new AnswerKey(q.type(), q.timeLimitSeconds(), q.points(),
                    options.stream().map(GameCreated.Option::id).toList(),
                    options.stream().filter(GameCreated.Option::correct).map(GameCreated.Option::id).toList(),
                    q.acceptedAnswers());
        }).toList();
    }
}
