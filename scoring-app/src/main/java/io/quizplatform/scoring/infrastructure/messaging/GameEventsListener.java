package io.quizplatform.scoring.infrastructure.messaging;

import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.messaging.EventCodec;
import io.quizplatform.platform.messaging.DeadLetterParking;
import io.quizplatform.platform.messaging.EventHandler;
import io.quizplatform.scoring.application.AnswerScoring;
import io.quizplatform.scoring.application.GameCompletion;
import io.quizplatform.scoring.infrastructure.ScoringRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Reads what scoring needs of a game from quiz-events: its rules and questions, players, opened questions, its end. */
@ApplicationScoped
public class GameEventsListener implements EventHandler {

    private static final Set<String> TYPES = Set.of(EventTypes.GAME_CREATED, EventTypes.GAME_PLAYER_JOINED,
            EventTypes.GAME_PLAYER_KICKED, EventTypes.GAME_QUESTION_OPENED, EventTypes.GAME_ENDED);

    /** The parts of the game events scoring-app reads (the schemas in event-contracts have the rest). */
    public record Created(String hostId, String quizId, List<Question> questions, Boolean speedScoring, Boolean streakBonus,
                          Instant at) {
    }

    public record Question(String type, String text, int timeLimitSeconds, int points, List<Option> options) {
    }

    public record Option(String id, String text, boolean correct) {
    }

    public record Joined(String playerId, String nickname) {
    }

    public record Opened(int questionIndex, Instant at) {
    }

    public record Ended(String reason, Instant at) {
    }

    @Inject
    ScoringRepository repository;

    @Inject
    AnswerEventsListener answers;

    @Inject
    GameCompletion completion;

    @Inject
    AnswerScoring scoring;

    @Inject
    DeadLetterParking parking;

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
            case EventTypes.GAME_CREATED -> created(gameId, EventCodec.payloadFromJson(event, Created.class));
            case EventTypes.GAME_PLAYER_JOINED -> {
                Joined joined = EventCodec.payloadFromJson(event, Joined.class);
                repository.joined(gameId, joined.playerId(), joined.nickname());
            }
            case EventTypes.GAME_PLAYER_KICKED -> repository.kicked(gameId, EventCodec.payloadFromJson(event, Joined.class).playerId());
            case EventTypes.GAME_QUESTION_OPENED -> {
                Opened opened = EventCodec.payloadFromJson(event, Opened.class);
                repository.opened(gameId, opened.questionIndex(), opened.at());
            }
            case EventTypes.GAME_ENDED -> {
                Ended ended = EventCodec.payloadFromJson(event, Ended.class);
                if (repository.ended(gameId, ended.reason(), ended.at())) {
                    completion.begin(gameId);
                }
            }
            default -> throw new IllegalArgumentException("not a game event scoring-app reads: " + event.type());
        }
    }

    private void created(UUID gameId, Created created) {
        List<Question> questions = created.questions() == null ? List.of() : created.questions();
        repository.lockGame(gameId);
        repository.createGame(gameId, created.hostId(), created.quizId(), !Boolean.FALSE.equals(created.speedScoring()),
                !Boolean.FALSE.equals(created.streakBonus()), created.at(), questions.stream()
                        .map(q -> new ScoringRepository.NewQuestion(q.type(), q.text() == null ? "" : q.text(), q.points(),
                                q.timeLimitSeconds(), !"POLL".equals(q.type()) && q.points() > 0,
                                EventCodec.payloadToJson(q.options() == null ? List.of() : q.options())))
                        .toList());
        ScoringRepository.GameRules rules = scoring.rules(gameId).orElseThrow();
        for (String waited : repository.takeWaiting(gameId)) {
            EventEnvelope event = EventCodec.decode(waited);
            Optional<String> problem = answers.problemWith(event, rules);
            if (problem.isPresent()) {
                // Parked where an operator sees it, rather than failing the game's creation with it.
                parking.park(Topic.ANSWER_EVENTS, gameId.toString(), waited, problem.get());
                continue;
            }
            answers.applyKnown(event);
        }
    }

    /** Answers that waited for the game are scored with this transaction, like a batch of answer-events. */
    @Override
    public void endOfBatch() {
        scoring.endOfBatch();
    }
}
