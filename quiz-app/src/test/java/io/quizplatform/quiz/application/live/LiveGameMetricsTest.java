package io.quizplatform.quiz.application.live;

import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.domain.game.GamePin;
import io.quizplatform.quiz.domain.game.GameQuestion;
import io.quizplatform.quiz.domain.quiz.AnswerOption;
import io.quizplatform.quiz.domain.quiz.QuestionType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The live-game gauges (games not ended with a connection here, the sockets open here) and the push timer. */
class LiveGameMetricsTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final FakeConnections connections = new FakeConnections();
    private final LiveGameMetrics metrics = metrics();

    @Test
    void aGameIsLiveHereWhileItIsNotEndedAndSomeoneIsConnectedToIt() {
        Game lobby = game("2b7e1c9d-5a4f-4e3b-8c2d-1f0e9d8c7b6a");
        Game running = game("3c8f2d0e-6b5a-4f4c-9d3e-2a1f0e9d8c7b");
        Game nobodyHere = game("4d9a3e1f-7c6b-4a5d-8e4f-3b2a1f0e9d8c");
        Game ended = game("5e0b4f2a-8d7c-4b6e-9f5a-4c3b2a1f0e9d");
        running.start(T0);
        ended.start(T0);
        ended.end(T0);
        for (Game g : List.of(lobby, running, nobodyHere, ended)) {
            metrics.views.keep(g);
        }
        connections.add(connections.host(lobby.id(), "host-1"));
        connections.add(connections.player(running.id(), "p-1"));
        connections.add(connections.player(running.id(), "p-2"));
        connections.add(connections.player(ended.id(), "p-3"));

        assertThat(metrics.gamesLive()).isEqualTo(2);
        assertThat(metrics.socketsOpen()).isEqualTo(4);
    }

    @Test
    void nothingHeldNothingLive() {
        assertThat(metrics.gamesLive()).isZero();
        assertThat(metrics.socketsOpen()).isZero();
    }

    @Test
    void anAcknowledgementBeforeRegistrationIsNotAnError() {
        metrics.answerAcknowledged(System.nanoTime());
    }

    @Test
    void aPushIsTimedOnceTheLastOfItsConnectionsStartsWriting() {
        List<Duration> timed = new CopyOnWriteArrayList<>();
        LiveGameMetrics.Push push = new LiveGameMetrics.Push(timed::add, System.nanoTime(), 3);

        push.run();
        push.run();
        assertThat(timed).isEmpty();
        push.run();
        push.settle(); // the fallback, after the push was timed: nothing more

        assertThat(timed).hasSize(1);
        assertThat(timed.get(0).isNegative()).isFalse();
    }

    @Test
    void aPushOneOfWhoseConnectionsNeverWritesIsTimedToItsLastWrite() {
        List<Duration> timed = new CopyOnWriteArrayList<>();
        long start = System.nanoTime() - Duration.ofMillis(300).toNanos();
        LiveGameMetrics.Push push = new LiveGameMetrics.Push(timed::add, start, 3);

        push.run();
        push.run(); // the third connection closed before its write
        push.settle();
        push.settle();

        assertThat(timed).hasSize(1);
        assertThat(timed.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aPushNothingWasWrittenForIsNotTimed() {
        List<Duration> timed = new CopyOnWriteArrayList<>();

        new LiveGameMetrics.Push(timed::add, System.nanoTime(), 0).settle();
        new LiveGameMetrics.Push(timed::add, System.nanoTime(), 2).settle();

        assertThat(timed).isEmpty();
    }

    @Test
    void aPushBeforeRegistrationIsNotAnError() {
        LiveGameMetrics.Push push = metrics.pushStarted(System.nanoTime(), 1);
        assertThatCode(() -> {
            push.run();
            push.settle();
        }).doesNotThrowAnyException();
    }

    private LiveGameMetrics metrics() {
        LiveGameMetrics m = new LiveGameMetrics();
        m.views = new GameViews();
        m.connections = connections;
        return m;
    }

    private static Game game(String id) {
        return Game.create(id, "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a", "host-1", new GamePin("123456"), List.of(
                new GameQuestion("q1", QuestionType.SINGLE_CHOICE, "2 + 2?", null, 20, 1000,
                        List.of(new AnswerOption("a", "4", true), new AnswerOption("b", "5", false)), List.of())),
                true, false, false, 100, T0);
    }
}
