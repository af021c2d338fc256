package io.quizplatform.quiz.api.ws;

import io.quizplatform.quiz.application.Actor;
import io.quizplatform.quiz.application.GameBusy;
import io.quizplatform.quiz.application.GameHosting;
import io.quizplatform.quiz.application.GameRuleBroken;
import io.quizplatform.quiz.application.UnknownGame;
import io.quizplatform.quiz.application.live.LiveGames;
import io.quizplatform.quiz.application.live.LiveMessages;
import io.quizplatform.quiz.application.live.ServerMessage;
import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.infrastructure.security.AccessTokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The host's side of a game socket (docs/PROTOCOL.md, "From the host"): its hello, checked against user-app's access
 * tokens, and its commands. The token of the hello is kept and asked again before every command (and every 30 s by
 * {@link HostSessionSweep}), as a REST call's is on every call. {@link GameSessions} hands these over in its order of
 * checks.
 */
@ApplicationScoped
public class HostSockets {

    private static final Logger LOG = Logger.getLogger(HostSockets.class.getName());

    /** The close reason (1013) of a host socket whose token was renewed or has expired: come back with the new one. */
    static final String STALE_TOKEN = "token renewed or expired; reconnect";

    @Inject
    AccessTokenVerifier hostTokens;

    @Inject
    GameHosting games;

    @Inject
    LiveGames live;

    @Inject
    OpenSockets sockets;

    /**
     * A host's hello: welcomed, sent back to come with its current token (1013), or refused. The game is read only for
     * a valid token ({@code game} gives null once it has closed the socket for naming no game).
     */
    void hello(Session session, String gameId, Supplier<Game> game, String token) {
        AccessTokenVerifier.Check check = hostTokens.check(token);
        switch (check.standing()) {
            case VALID -> {
                Game played = game.get();
                if (played != null) {
                    live.hostHello(sockets.host(session, gameId, check.host().userId(), check.host().admin(), token),
                            played, check.host().admin());
                }
            }
            // A page that renewed its session just now may still say hello with the token the renewal retired.
            case STALE -> sockets.close(session, CloseReason.CloseCodes.TRY_AGAIN_LATER, STALE_TOKEN);
            // user-app's keys out of reach and none kept: not a verdict on the token.
            case UNVERIFIABLE -> sockets.close(session, CloseReason.CloseCodes.TRY_AGAIN_LATER, "try again");
            case REFUSED -> error(session, "invalid-token", "token",
                    "This access token is not valid (logged out, ended or not ours). Log in again.");
        }
    }

    /**
     * Runs a host command on the game. A host who logged out, whose sessions were ended (a password change, a lock) or
     * whose token was renewed or has expired commands nothing here; a token that cannot be checked now (user-app out of
     * reach) was checked at its hello, and the game goes on.
     */
    void command(SocketConnection connection, ClientMessage.MessageType type, String playerId) {
        Instant now = Instant.now();
        AccessTokenVerifier.Check check = hostTokens.recheck(connection.hostToken());
        if (check.standing() != AccessTokenVerifier.Standing.UNVERIFIABLE && !check.validFor(connection.userId())) {
            sessionEnded(connection, check.standing());
            return;
        }
        try {
            games.hostCommand(new Actor(connection.userId(), connection.admin()), UUID.fromString(connection.gameId()), game -> {
                switch (type) {
                    case START -> game.start(now);
                    case NEXT -> game.next(now);
                    case SKIP -> game.skip(now);
                    case END -> game.end(now);
                    case KICK -> game.kick(playerId, now);
                    default -> throw new IllegalArgumentException("not a host command: " + type);
                }
                return null;
            });
        } catch (GameRuleBroken e) {
            // Every refused host command is `refused` (docs/PROTOCOL.md) naming the game's rule (the REST control's
            // "Game rule: <code>"), with the REST control's problem detail.
            refused(connection.session(), e.code(), e.getMessage());
        } catch (UnknownGame e) {
            refused(connection.session(), "unknown-game", e.getMessage());
        } catch (GameBusy e) {
            refused(connection.session(), "game-busy", e.getMessage());
        } catch (RuntimeException e) {
            // The game could not be read or written (a database out): the host is told and may send it again (a
            // command that did go through is then refused by the game's state, so nothing happens twice).
            LOG.warning("host command " + type.wireName() + " on game " + connection.gameId() + " failed: " + e);
            error(connection.session(), "try-again", null, "The server could not do that right now; try again.");
        }
    }

    /**
     * A host socket whose token no longer stands: one expired or renewed is closed with 1013, so that the page comes
     * back with the token it has now (its welcome brings the game); one whose session ended is told
     * {@code invalid-token} and closed with 1008.
     */
    void sessionEnded(SocketConnection connection, AccessTokenVerifier.Standing standing) {
        if (standing == AccessTokenVerifier.Standing.STALE) {
            sockets.close(connection.session(), CloseReason.CloseCodes.TRY_AGAIN_LATER, STALE_TOKEN);
        } else {
            error(connection.session(), "invalid-token", "token", "Your session has ended (logged out, or ended by a"
                    + " password change or a lock). Log in again.");
            sockets.close(connection.session(), CloseReason.CloseCodes.VIOLATED_POLICY, "session ended");
        }
    }

    private void refused(Session session, String rule, String message) {
        sockets.send(session, LiveMessages.json(ServerMessage.Error.refused(rule, message)));
    }

    private void error(Session session, String code, String field, String message) {
        sockets.send(session, LiveMessages.json(new ServerMessage.Error(code, field, message)));
    }
}
