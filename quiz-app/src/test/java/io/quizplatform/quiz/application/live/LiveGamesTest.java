package io.quizplatform.quiz.application.live;

import org.junit.jupiter.api.Test;

import static io.quizplatform.quiz.application.live.LiveRoom.ADA;
import static io.quizplatform.quiz.application.live.LiveRoom.BOB;
import static io.quizplatform.quiz.application.live.LiveRoom.GAME;
import static io.quizplatform.quiz.application.live.LiveRoom.T0;
import static org.assertj.core.api.Assertions.assertThat;

class LiveGamesTest {

    private final LiveRoom room = new LiveRoom();
    private final LiveGames live = room.live;

    @Test
    void aHostIsWelcomedWithThePinAndTheLobby() {
        FakeConnections.Phone host = room.connections.host(GAME, "host-1");

        live.hostHello(host, live.game(GAME), false);

        assertThat(host.sent).singleElement().satisfies(text -> assertThat(text)
                .startsWith("{\"type\":\"welcome\",\"gameId\":\"" + GAME + "\",\"phase\":\"lobby\",\"questionIndex\":-1")
                .contains("\"pin\":\"123456\",\"players\":[{\"playerId\":\"" + ADA + "\",\"nickname\":\"Ada\"},")
                .doesNotContain("\"you\""));
        assertThat(room.connections.of(GAME)).containsExactly(host);
    }

    @Test
    void someoneElsesGameIsNotTheirs() {
        FakeConnections.Phone host = room.connections.host(GAME, "host-2");

        live.hostHello(host, live.game(GAME), false);

        assertThat(host.last()).isEqualTo("{\"type\":\"error\",\"code\":\"not-your-game\","
                + "\"message\":\"Only the host of this game can connect as its host.\"}");
        assertThat(room.connections.of(GAME)).isEmpty();
    }

    @Test
    void aPlayerIsWelcomedAsThemselvesWithoutThePin() {
        FakeConnections.Phone ada = room.connections.player(GAME, ADA);

        live.playerHello(ada, live.game(GAME));

        assertThat(ada.last()).startsWith("{\"type\":\"welcome\",\"gameId\":\"" + GAME + "\",\"phase\":\"lobby\"")
                .endsWith("\"you\":{\"playerId\":\"" + ADA + "\",\"nickname\":\"Ada\"}}")
                .doesNotContain("\"pin\"");
        assertThat(room.online).containsExactly(ADA);
    }

    @Test
    void aKickedPlayerSayingHelloIsToldAndLetGo() {
        room.stored.kick(BOB, T0);
        FakeConnections.Phone bob = room.connections.player(GAME, BOB);

        live.playerHello(bob, live.game(GAME));

        assertThat(bob.sent).containsExactly("{\"type\":\"kicked\",\"message\":\"The host removed you from this game.\"}");
        assertThat(bob.closedFor).isEqualTo("kicked");
        assertThat(room.connections.of(GAME)).isEmpty();
    }

    @Test
    void aPlayerWhoLeavesIsNoLongerOnline() {
        FakeConnections.Phone ada = room.hello(room.connections.player(GAME, ADA));

        live.left(ada);

        assertThat(room.online).isEmpty();
    }
}
