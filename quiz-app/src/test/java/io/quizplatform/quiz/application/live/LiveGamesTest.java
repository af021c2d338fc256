package io.quizplatform.quiz.application.live;

import io.quizplatform.contracts.AnswerSubmitted;
import io.quizplatform.quiz.application.AnswersDecided;
import io.quizplatform.quiz.application.GameHosting;
import io.quizplatform.quiz.application.LiveAnswers;
import io.quizplatform.quiz.application.LiveGameWatch;
import io.quizplatform.quiz.application.LiveScores;
import io.quizplatform.quiz.application.QuestionOpenings;
import io.quizplatform.quiz.application.ShownQuestions;
import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.domain.game.GamePin;
import io.quizplatform.quiz.domain.game.GameQuestion;
import io.quizplatform.quiz.domain.quiz.AnswerOption;
import io.quizplatform.quiz.domain.quiz.QuestionType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class LiveGamesTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final String GAME = "2b7e1c9d-5a4f-4e3b-8c2d-1f0e9d8c7b6a";
    private static final String ADA = "7e6d5c4b-3a29-4817-9605-f4e3d2c1b0a9";
    private static final String BOB = "1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b";

    private final FakeConnections connections = new FakeConnections();
    private final LiveAnswers answers = new LiveAnswers();
    private final List<Runnable> handedOff = new ArrayList<>();
    private final List<Integer> closedEarly = new ArrayList<>();
    private final Set<String> online = new java.util.HashSet<>();
    private Game stored = game();
    private final LiveGames live = liveGames();

    @Test
    void aHostIsWelcomedWithThePinAndTheLobby() {
        FakeConnections.Phone host = connections.host(GAME, "host-1");

        live.hostHello(host, live.game(GAME), false);

        assertThat(host.sent).singleElement().satisfies(text -> assertThat(text)
                .startsWith("{\"type\":\"welcome\",\"gameId\":\"" + GAME + "\",\"phase\":\"lobby\",\"questionIndex\":-1")
                .contains("\"pin\":\"123456\",\"players\":[{\"playerId\":\"" + ADA + "\",\"nickname\":\"Ada\"},")
                .doesNotContain("\"you\""));
        assertThat(connections.of(GAME)).containsExactly(host);
    }

    @Test
    void someoneElsesGameIsNotTheirs() {
        FakeConnections.Phone host = connections.host(GAME, "host-2");

        live.hostHello(host, live.game(GAME), false);

        assertThat(host.last()).isEqualTo("{\"type\":\"error\",\"code\":\"not-your-game\","
                + "\"message\":\"Only the host of this game can connect as its host.\"}");
        assertThat(connections.of(GAME)).isEmpty();
    }

    @Test
    void aPlayerIsWelcomedAsThemselvesWithoutThePin() {
        FakeConnections.Phone ada = connections.player(GAME, ADA);

        live.playerHello(ada, live.game(GAME));

        assertThat(ada.last()).startsWith("{\"type\":\"welcome\",\"gameId\":\"" + GAME + "\",\"phase\":\"lobby\"")
                .endsWith("\"you\":{\"playerId\":\"" + ADA + "\",\"nickname\":\"Ada\"}}")
                .doesNotContain("\"pin\"");
        assertThat(online).containsExactly(ADA);
    }

    @Test
    void aKickedPlayerSayingHelloIsToldAndLetGo() {
        stored.kick(BOB, T0);
        FakeConnections.Phone bob = connections.player(GAME, BOB);

        live.playerHello(bob, live.game(GAME));

        assertThat(bob.sent).containsExactly("{\"type\":\"kicked\",\"message\":\"The host removed you from this game.\"}");
        assertThat(bob.closedFor).isEqualTo("kicked");
        assertThat(connections.of(GAME)).isEmpty();
    }

    @Test
    void aNewQuestionIsWrittenOnceForEveryPlayer() {
        FakeConnections.Phone host = hello(connections.host(GAME, "host-1"));
        FakeConnections.Phone ada = hello(connections.player(GAME, ADA));
        FakeConnections.Phone bob = hello(connections.player(GAME, BOB));
        stored.start(T0);

        live.changed(stored);

        assertThat(ada.last()).startsWith("{\"type\":\"state\",\"gameId\":\"" + GAME + "\",\"phase\":\"preview\"")
                .doesNotContain("\"you\"");
        assertThat(bob.last()).isSameAs(ada.last());
        assertThat(host.last()).startsWith("{\"type\":\"state\"").contains("\"pin\":\"123456\"");
    }

    @Test
    void anOpenQuestionIsStampedWhenWrittenToEachPlayer() {
        FakeConnections.Phone ada = hello(connections.player(GAME, ADA));
        stored.start(T0);
        stored.openIfDue(T0.plus(Game.PREVIEW));

        live.changed(stored);

        assertThat(ada.last()).contains("\"phase\":\"open\"").contains("\"options\":[{\"id\":\"a\",\"text\":\"4\"}");
        assertThat(ada.written).hasSize(1);
        ada.written.get(0).run();
        assertThat(live.shown.shownAt(GAME, 0, ADA)).isPresent();
    }

    @Test
    void aPlayerKickedByTheHostIsToldAndClosed() {
        FakeConnections.Phone ada = hello(connections.player(GAME, ADA));
        FakeConnections.Phone bob = hello(connections.player(GAME, BOB));
        stored.kick(BOB, T0);

        live.changed(stored);

        assertThat(bob.last()).isEqualTo("{\"type\":\"kicked\",\"message\":\"The host removed you from this game.\"}");
        assertThat(bob.closedFor).isEqualTo("kicked");
        assertThat(ada.sent).noneMatch(text -> text.contains("kicked"));
        assertThat(connections.of(GAME)).containsExactly(ada);
    }

    @Test
    void theEarlyCloseIsHandedToTheExecutorNotRunOnTheFanOutsThread() {
        hello(connections.player(GAME, ADA));
        stored.start(T0);
        stored.openIfDue(T0.plus(Game.PREVIEW));
        live.changed(stored);
        AnswerSubmitted adas = accepted(ADA);
        answers.accepted(adas);

        live.results.answersDecided(new AnswersDecided(GAME, List.of(adas), List.of(), List.of()));
        live.results.answersDecided(new AnswersDecided(GAME, List.of(adas), List.of(), List.of()));

        assertThat(closedEarly).isEmpty();
        assertThat(handedOff).hasSize(1);
        handedOff.get(0).run();
        assertThat(closedEarly).containsExactly(0);
    }

    private FakeConnections.Phone hello(FakeConnections.Phone phone) {
        if (phone.host()) {
            live.hostHello(phone, live.game(GAME), false);
        } else {
            live.playerHello(phone, live.game(GAME));
        }
        return phone;
    }

    private static AnswerSubmitted accepted(String playerId) {
        return new AnswerSubmitted(UUID.randomUUID().toString(), GAME, playerId, 0, List.of("a"), null, true, 1, 0, 1,
                1200, 20, 1000, T0);
    }

    private LiveGames liveGames() {
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
        LiveResults results = new LiveResults();
        results.views = views;
        results.connections = connections;
        results.states = states;
        results.answers = answers;
        results.scores = states.scores;
        results.everyoneAnswered = everyoneAnswered;
        results.receipts = new AnswerReceipts();
        results.scheduler = RecordingExecutor.scheduler(new ArrayList<>());
        LiveGames games = new LiveGames();
        games.views = views;
        games.receipts = results.receipts;
        games.games = hosting;
        games.connections = connections;
        games.states = states;
        games.answers = answers;
        games.presence = presence;
        games.watch = new LiveGameWatch();
        games.openings = new QuestionOpenings();
        games.shown = new ShownQuestions();
        games.results = results;
        games.metrics = new LiveGameMetrics();
        games.scheduler = RecordingExecutor.scheduler(new ArrayList<>());
        return games;
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
