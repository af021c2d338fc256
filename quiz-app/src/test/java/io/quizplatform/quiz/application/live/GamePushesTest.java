package io.quizplatform.quiz.application.live;

import io.quizplatform.quiz.domain.game.Game;
import org.junit.jupiter.api.Test;

import static io.quizplatform.quiz.application.live.LiveRoom.ADA;
import static io.quizplatform.quiz.application.live.LiveRoom.BOB;
import static io.quizplatform.quiz.application.live.LiveRoom.GAME;
import static io.quizplatform.quiz.application.live.LiveRoom.T0;
import static org.assertj.core.api.Assertions.assertThat;

class GamePushesTest {

    private final LiveRoom room = new LiveRoom();
    private final GamePushes pushes = room.pushes;

    @Test
    void aNewQuestionIsWrittenOnceForEveryPlayer() {
        FakeConnections.Phone host = room.hello(room.connections.host(GAME, "host-1"));
        FakeConnections.Phone ada = room.hello(room.connections.player(GAME, ADA));
        FakeConnections.Phone bob = room.hello(room.connections.player(GAME, BOB));
        room.stored.start(T0);

        pushes.changed(room.stored);

        assertThat(ada.last()).startsWith("{\"type\":\"state\",\"gameId\":\"" + GAME + "\",\"phase\":\"preview\"")
                .doesNotContain("\"you\"");
        assertThat(bob.last()).isSameAs(ada.last());
        assertThat(host.last()).startsWith("{\"type\":\"state\"").contains("\"pin\":\"123456\"");
    }

    @Test
    void aVersionBroughtTwiceIsPushedOnce() {
        FakeConnections.Phone ada = room.hello(room.connections.player(GAME, ADA));
        room.stored.start(T0);

        pushes.changed(room.stored);
        pushes.changed(room.stored);

        assertThat(ada.sent).hasSize(2); // the welcome and one state
    }

    @Test
    void anOpenQuestionIsStampedWhenWrittenToEachPlayer() {
        FakeConnections.Phone ada = room.hello(room.connections.player(GAME, ADA));
        room.openFirstQuestion();

        pushes.changed(room.stored);

        assertThat(ada.last()).contains("\"phase\":\"open\"").contains("\"options\":[{\"id\":\"a\",\"text\":\"4\"}");
        assertThat(ada.written).hasSize(1);
        assertThat(pushes.shown.shownAt(GAME, 0, ADA)).isEmpty();
        ada.written.get(0).run();
        assertThat(pushes.shown.shownAt(GAME, 0, ADA)).isPresent();
    }

    @Test
    void aJoinReachesTheHostsLaterAndThePlayersNever() {
        FakeConnections.Phone host = room.hello(room.connections.host(GAME, "host-1"));
        FakeConnections.Phone ada = room.hello(room.connections.player(GAME, ADA));
        pushes.changed(room.stored);
        int hostHad = host.sent.size();
        int adaHad = ada.sent.size();
        room.stored.join("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d", "Cy", T0);

        pushes.changed(room.stored);

        assertThat(host.sent).hasSize(hostHad);
        assertThat(room.scheduled).hasSize(1);
        room.scheduled.get(0).run();
        assertThat(host.sent).hasSize(hostHad + 1);
        assertThat(host.last()).contains("\"nickname\":\"Cy\"");
        assertThat(ada.sent).hasSize(adaHad);
    }

    @Test
    void aPlayerKickedByTheHostIsToldAndClosed() {
        FakeConnections.Phone ada = room.hello(room.connections.player(GAME, ADA));
        FakeConnections.Phone bob = room.hello(room.connections.player(GAME, BOB));
        room.stored.kick(BOB, T0);

        pushes.changed(room.stored);

        assertThat(bob.last()).isEqualTo("{\"type\":\"kicked\",\"message\":\"The host removed you from this game.\"}");
        assertThat(bob.closedFor).isEqualTo("kicked");
        assertThat(ada.sent).noneMatch(text -> text.contains("kicked"));
        assertThat(room.connections.of(GAME)).containsExactly(ada);
    }

    @Test
    void anEndedGamesConnectionsAreLetGoOfLater() {
        FakeConnections.Phone ada = room.hello(room.connections.player(GAME, ADA));
        room.stored.end(T0);

        pushes.changed(room.stored);

        assertThat(ada.last()).contains("\"phase\":\"ended\"");
        assertThat(room.connections.of(GAME)).containsExactly(ada);
        assertThat(room.scheduled).hasSize(1);
        room.scheduled.get(0).run();
        assertThat(room.connections.of(GAME)).isEmpty();
    }
}
