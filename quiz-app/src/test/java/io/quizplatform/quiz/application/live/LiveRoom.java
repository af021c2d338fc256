package io.quizplatform.quiz.application.live;

import io.quizplatform.contracts.AnswerSubmitted;
import io.quizplatform.quiz.application.GameHosting;
import io.quizplatform.quiz.application.LiveAnswers;
import io.quizplatform.quiz.application.LiveGameWatch;
import io.quizplatform.quiz.application.LiveScores;
import io.quizplatform.quiz.application.GameEventsInLog;
import io.quizplatform.quiz.application.ShownQuestions;
import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.domain.game.GamePin;
import io.quizplatform.quiz.domain.game.GameQuestion;
import io.quizplatform.quiz.domain.quiz.AnswerOption;
import io.quizplatform.quiz.domain.quiz.QuestionType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The live game of one instance wired by hand around one stored game of two players (Ada and Bob) and a host:
 * connections, executors, the event store and who is online are stand-ins that record what they are given.
 */
final class LiveRoom {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final String GAME = "2b7e1c9d-5a4f-4e3b-8c2d-1f0e9d8c7b6a";
    static final String ADA = "7e6d5c4b-3a29-4817-9605-f4e3d2c1b0a9";
    static final String BOB = "1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b";

    final FakeConnections connections = new FakeConnections();
    final LiveAnswers answers = new LiveAnswers();
    /** What the early close handed to the pool. */
    final List<Runnable> handedOff = new ArrayList<>();
    /** What was scheduled for later (host roster pushes, letting go of ended games). */
    final List<Runnable> scheduled = new ArrayList<>();
    final List<Integer> closedEarly = new ArrayList<>();
    final Set<String> online = new HashSet<>();
    final Game stored = game();
    final LiveResults results;
    final GamePushes pushes;
    final LiveGames live;

    LiveRoom() {
        GameHosting hosting = new GameHosting() {
            @Override
            public Game load(UUID gameId) {
                return stored;
            }

            @Override
            public void closeBecauseAllAnswered(UUID gameId, int questionIndex) {
                closedEarly.add(questionIndex);
            }
        };
        PlayersOnline presence = new PlayersOnline() {
            @Override
            public void connected(String gameId, String playerId) {
                online.add(playerId);
            }

            @Override
            public void disconnected(String gameId, String playerId) {
                online.remove(playerId);
            }

            @Override
            public long onlineCount(String gameId) {
                return online.size();
            }

            @Override
            public Optional<Set<String>> online(String gameId) {
                return Optional.of(Set.copyOf(online));
            }
        };
        GameViews views = new GameViews();
        views.games = hosting;
        StateMessages states = new StateMessages();
        states.answers = answers;
        states.scores = new LiveScores();
        states.quizzes = quizId -> Optional.empty();
        EveryoneAnswered everyoneAnswered = new EveryoneAnswered();
        everyoneAnswered.views = views;
        everyoneAnswered.tracing = io.quizplatform.platform.tracing.Tracing.off();
        everyoneAnswered.answers = answers;
        everyoneAnswered.presence = presence;
        everyoneAnswered.games = hosting;
        everyoneAnswered.executor = RecordingExecutor.pool(handedOff);
        results = new LiveResults();
        results.views = views;
        results.connections = connections;
        results.states = states;
        results.answers = answers;
        results.scores = states.scores;
        results.everyoneAnswered = everyoneAnswered;
        results.receipts = new AnswerReceipts();
        results.scheduler = RecordingExecutor.scheduler(new ArrayList<>());
        pushes = new GamePushes();
        pushes.views = views;
        pushes.connections = connections;
        pushes.states = states;
        pushes.answers = answers;
        pushes.inLog = new GameEventsInLog();
        pushes.shown = new ShownQuestions();
        pushes.results = results;
        pushes.metrics = new LiveGameMetrics();
        pushes.scheduler = RecordingExecutor.scheduler(scheduled);
        live = new LiveGames();
        live.views = views;
        live.receipts = results.receipts;
        live.games = hosting;
        live.connections = connections;
        live.presence = presence;
        live.watch = new LiveGameWatch();
        live.pushes = pushes;
        live.metrics = pushes.metrics;
    }

    /** A connection that said hello and was welcomed. */
    FakeConnections.Phone hello(FakeConnections.Phone phone) {
        if (phone.host()) {
            live.hostHello(phone, live.game(GAME), false);
        } else {
            live.playerHello(phone, live.game(GAME));
        }
        return phone;
    }

    /** The stored game's first question opened. */
    void openFirstQuestion() {
        stored.start(T0);
        stored.openIfDue(T0.plus(Game.PREVIEW));
    }

    static AnswerSubmitted accepted(String playerId) {
        return new AnswerSubmitted(UUID.randomUUID().toString(), GAME, playerId, 0, List.of("a"), null, true, 1, 0, 1,
                1200, 20, 1000, T0);
    }

    private static Game game() {
        Game game = Game.create(GAME, "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a", "host-1", new GamePin("123456"), List.of(
                new GameQuestion("q1", QuestionType.SINGLE_CHOICE, "2 + 2?", null, 20, 1000,
                        List.of(new AnswerOption("a", "4", true), new AnswerOption("b", "5", false)), List.of())),
                true, false, false, 100, T0);
        game.join(ADA, "Ada", T0);
        game.join(BOB, "Bob", T0);
        return game;
    }
}
