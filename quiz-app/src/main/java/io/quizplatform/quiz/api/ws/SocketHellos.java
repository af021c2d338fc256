package io.quizplatform.quiz.api.ws;

import io.quizplatform.quiz.application.UnknownGame;
import io.quizplatform.quiz.application.live.LiveGames;
import io.quizplatform.quiz.application.live.LiveMessages;
import io.quizplatform.quiz.application.live.ServerMessage;
import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.infrastructure.game.PlayerTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.util.Optional;

/**
 * A hello on a game's socket: the token first, then the game. A hello with a made-up token must not make this
 * instance read a game (a whole event history) and hold it. A player's is authenticated here and handed to
 * {@link LiveGames}; a host's goes to {@link HostSockets}.
 */
@ApplicationScoped
public class SocketHellos {

    @Inject
    LiveGames live;

    @Inject
    PlayerTokens playerTokens;

    @Inject
    HostSockets hosts;

    @Inject
    OpenSockets sockets;

    void hello(Session session, String gameId, ClientMessage.Hello message) {
        String token = message.token();
        try {
            if (message.role() == ClientMessage.Role.PLAYER) {
                Optional<PlayerTokens.PlayerClaims> claims = playerTokens.verify(token);
                if (claims.isEmpty()) {
                    error(session, "invalid-token", "token", "This player token is not valid (expired or not ours). Join again with the PIN.");
                } else if (!claims.get().gameId().equals(gameId)) {
                    error(session, "wrong-game", null, "This player token belongs to another game. Connect to that game, or join this one with its PIN.");
                } else {
                    Game game = game(session, gameId);
                    if (game != null) {
                        live.playerHello(sockets.player(session, gameId, claims.get().playerId()), game);
                    }
                }
            } else {
                hosts.hello(session, gameId, () -> game(session, gameId), token);
            }
        } finally {
            sockets.closedMeanwhile(session).ifPresent(live::left);
        }
    }

    /** The game as this instance holds it, or null once the socket is closed (1008) for naming no game. */
    private Game game(Session session, String gameId) {
        try {
            return live.game(gameId);
        } catch (IllegalArgumentException | UnknownGame e) {
            sockets.close(session, CloseReason.CloseCodes.VIOLATED_POLICY, "unknown game");
            return null;
        }
    }

    private void error(Session session, String code, String field, String message) {
        sockets.send(session, LiveMessages.json(new ServerMessage.Error(code, field, message)));
    }
}
