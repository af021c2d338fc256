package io.quizplatform.scoring.infrastructure.messaging;

import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.contracts.GameCreated;
import io.quizplatform.contracts.GameEnded;
import io.quizplatform.contracts.PlayerJoined;
import io.quizplatform.contracts.PlayerKicked;
import io.quizplatform.contracts.QuestionOpened;
import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.messaging.EventCodec;
import io.quizplatform.platform.messaging.DeadLetterParking;
import io.quizplatform.platform.messaging.EventHandler;
import io.quizplatform.platform.persistence.AfterCommit;
import io.quizplatform.platform.persistence.InTransaction;
import io.quizplatform.scoring.application.AnswerScoring;
import io.quizplatform.scoring.application.GameCompletion;
import io.quizplatform.scoring.application.Leaderboards;
import io.quizplatform.scoring.domain.GameRules;
import io.quizplatform.scoring.infrastructure.GameRepository;
import io.quizplatform.scoring.infrastructure.ScoringRepository;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Reads what scoring needs of a game from quiz-events: its rules and questions, players, opened questions, its end. */
@ApplicationScoped
public class GameEventsListener implements EventHandler {

    private static final Set<String> TYPES = Set.of(EventTypes.GAME_CREATED, EventTypes.GAME_PLAYER_JOINED,
            EventTypes.GAME_PLAYER_KICKED, EventTypes.GAME_QUESTION_OPENED, EventTypes.GAME_ENDED);

    @Inject
    ScoringRepository repository;

    @Inject
    GameRepository games;

    @Inject
    AnswerEventsListener answers;

    @Inject
    GameCompletion completion;

    @Inject
    AnswerScoring scoring;

    @Inject
    DeadLetterParking parking;

    @Inject
    InTransaction inTransaction;

    @Inject
    Leaderboards leaderboards;

    @Resource
    TransactionSynchronizationRegistry transaction;

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
        if (!EventTypes.GAME_PLAYER_JOINED.equals(event.type())) {
            writeJoins();
        }
        switch (event.type()) {
            case EventTypes.GAME_CREATED -> created(gameId, EventCodec.payloadFromJson(event, GameCreated.class));
            case EventTypes.GAME_PLAYER_JOINED -> {
                PlayerJoined joined = EventCodec.payloadFromJson(event, PlayerJoined.class);
                joining().computeIfAbsent(gameId, id -> new LinkedHashMap<>()).put(joined.playerId(), joined.nickname());
            }
            case EventTypes.GAME_PLAYER_KICKED -> {
                games.kicked(gameId, EventCodec.payloadFromJson(event, PlayerKicked.class).playerId());
                // The fast copy of the board still ranks the player (kept a day after the game): it is rebuilt from
                // the committed board, which leaves them out, and read from there until then.
                AfterCommit.run(transaction, () -> leaderboards.boardStale(gameId));
            }
            case EventTypes.GAME_QUESTION_OPENED -> {
                if (!waitsForItsGame(gameId, event)) {
                    opened(gameId, event);
                }
            }
            case EventTypes.GAME_ENDED -> {
                if (!waitsForItsGame(gameId, event)) {
                    end(gameId, event);
                }
            }
            default -> throw new IllegalArgumentException("not a game event scoring-app reads: " + event.type());
        }
    }

    private void created(UUID gameId, GameCreated created) {
        List<GameCreated.Question> questions = created.questions() == null ? List.of() : created.questions();
        repository.lockGame(gameId);
        games.createGame(gameId, created.hostId(), created.quizId(), !Boolean.FALSE.equals(created.speedScoring()),
                !Boolean.FALSE.equals(created.streakBonus()), created.at(), questions.stream()
                        .map(q -> new GameRepository.NewQuestion(q.type(), q.text() == null ? "" : q.text(), q.points(),
                                q.timeLimitSeconds(), !"POLL".equals(q.type()) && q.points() > 0,
                                EventCodec.payloadToJson(q.options() == null ? List.of() : q.options())))
                        .toList());
        GameRules rules = scoring.rules(gameId).orElseThrow();
        for (String waited : games.takeWaiting(gameId)) {
            EventEnvelope event = EventCodec.decode(waited);
            if (EventTypes.GAME_QUESTION_OPENED.equals(event.type())) {
                opened(gameId, event);
                continue;
            }
            if (EventTypes.GAME_ENDED.equals(event.type())) {
                end(gameId, event);
                continue;
            }
            Optional<String> problem = answers.problemWith(event, rules);
            if (problem.isPresent()) {
                // Parked where an operator sees it, rather than failing the game's creation with it.
                parking.park(Topic.ANSWER_EVENTS, gameId.toString(), waited, problem.get());
                continue;
            }
            answers.applyKnown(event);
        }
    }

    /**
     * Sets the event aside when the game's creation has not been applied here (parked, to be replayed): its openings
     * and its end wait with the answers that came ahead of it, rather than be lost (the completion would not wait
     * for a question it never saw open, or never start).
     */
    private boolean waitsForItsGame(UUID gameId, EventEnvelope event) {
        if (scoring.rules(gameId).isPresent()) {
            return false;
        }
        repository.lockGame(gameId); // orders this against the creation, as an answer that waits does
        if (scoring.rules(gameId).isPresent()) {
            return false;
        }
        games.waitForGame(gameId, EventCodec.encode(event));
        return true;
    }

    private void opened(UUID gameId, EventEnvelope event) {
        QuestionOpened opened = EventCodec.payloadFromJson(event, QuestionOpened.class);
        games.opened(gameId, opened.questionIndex(), opened.at());
    }

    private void end(UUID gameId, EventEnvelope event) {
        GameEnded ended = EventCodec.payloadFromJson(event, GameEnded.class);
        if (games.ended(gameId, ended.reason(), ended.at())) {
            completion.begin(gameId);
        }
    }

    /** The batch's games locked before any of their rows, as the answer-events lane does ({@link AnswerScoring#lockGames}). */
    @Override
    public void startOfBatch(List<EventEnvelope> events) {
        scoring.lockGames(AnswerEventsListener.gamesOf(events));
    }

    /** Answers that waited for the game are scored with this transaction, like a batch of answer-events. */
    @Override
    public void endOfBatch() {
        writeJoins();
        scoring.endOfBatch();
    }

    private static final String JOINING = GameEventsListener.class.getName() + ".joining";

    /**
     * The players whose joins this transaction applied and has not written yet (player id → nickname, the last one
     * for a player twice), by game: a run of joins (the lobby filling at hundreds a second) is one upsert, whatever its
     * games, instead of one per join. Written before any other event of the transaction is applied, and at its end.
     */
    private Map<UUID, Map<String, String>> joining() {
        return inTransaction.kept(JOINING, LinkedHashMap::new);
    }

    private void writeJoins() {
        Map<UUID, Map<String, String>> joining = joining();
        if (!joining.isEmpty()) {
            games.joined(joining);
            joining.clear();
        }
    }
}
