package io.quizplatform.quiz.application.live;

import io.quizplatform.quiz.application.AnswerIntake;
import io.quizplatform.quiz.application.GameHosting;
import io.quizplatform.quiz.application.LiveGameWatch;
import io.quizplatform.quiz.domain.game.Game;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

import static io.quizplatform.quiz.application.live.LiveMessages.json;

/**
 * The live games of this instance, as their connections meet them: who may join a game's connections (a hello is
 * welcomed or let go) and the answers they send. What the game itself sends them (welcomes, changes) is
 * {@link GamePushes}'; answer-app's decisions and scoring-app's scores go out through {@link LiveResults}. The
 * connections themselves are the adapter's ({@link GameConnections}).
 */
@ApplicationScoped
public class LiveGames {

    private static final Logger LOG = Logger.getLogger(LiveGames.class.getName());

    @Inject
    AnswerReceipts receipts;

    @Inject
    GameViews views;

    @Inject
    GameHosting games;

    @Inject
    GameConnections connections;

    @Inject
    AnswerIntake intake;

    @Inject
    PlayersOnline presence;

    @Inject
    LiveGameWatch watch;

    @Inject
    LiveGameMetrics metrics;

    @Inject
    GamePushes pushes;

    /**
     * The game as this instance holds it, for a hello (loaded the first time).
     *
     * @throws IllegalArgumentException not a game id; an unknown game fails as {@link GameHosting#load} does
     */
    public Game game(String gameId) {
        return views.current(gameId);
    }

    /**
     * A player with a valid token for this game says hello: welcomed and added to the game's connections, or told
     * they were removed and let go.
     */
    public void playerHello(Connection connection, Game game) {
        Optional<Game.Player> player = game.player(connection.userId());
        if (player.isEmpty()) {
            // Joined a moment ago, before the fan-out brought the join here: ask the event store.
            game = games.load(UUID.fromString(connection.gameId()));
            player = game.player(connection.userId());
        }
        if (player.isEmpty() || player.get().kicked()) {
            connection.kick();
            return;
        }
        // Counted online before it is listed: a close that comes before the listing finds nothing to let go of, and the
        // caller, seeing the socket closed, lets it go itself (GameConnections#add), so it is counted out exactly once.
        presence.connected(connection.gameId(), connection.userId());
        connections.add(connection);
        // A change pushed while this hello was served did not reach this connection (not listed yet): it is
        // welcomed with the newest state, and one the host removed meanwhile is let go.
        Game newest = views.newest(game);
        if (newest.player(connection.userId()).map(Game.Player::kicked).orElse(false)) {
            connection.kick();
            return;
        }
        welcome(connection, newest);
    }

    /** A signed-in user says hello as the host: welcomed if it is their game (or they are an admin). */
    public void hostHello(Connection connection, Game game, boolean admin) {
        if (!admin && !connection.userId().equals(game.hostId())) {
            connection.send(json(new ServerMessage.Error("not-your-game", null,
                    "Only the host of this game can connect as its host.")));
            return;
        }
        connections.add(connection);
        welcome(connection, views.newest(game)); // as a player's: a change pushed meanwhile missed it
    }

    private void welcome(Connection connection, Game game) {
        watch.watch(game);
        views.keep(game);
        pushes.welcome(connection, game);
    }

    /** A player's connection went away. */
    public void left(Connection connection) {
        if (!connection.host()) {
            presence.disconnected(connection.gameId(), connection.userId());
        }
    }

    /**
     * A player's answer: received (durable) or refused on the spot, or not saved. {@code receivedNanos}
     * ({@link System#nanoTime()} when its frame arrived) times the acknowledgement ({@link LiveGameMetrics}).
     */
    public void answer(Connection connection, int questionIndex, List<String> optionIds, String text, long receivedNanos) {
        String gameId = connection.gameId();
        String playerId = connection.userId();
        CompletableFuture<Void> told = receipts.expect(gameId, playerId, questionIndex);
        try {
            Game game = views.current(gameId);
            Instant arrived = Instant.now().minusNanos(System.nanoTime() - receivedNanos);
            AnswerIntake.Received received = intake.receive(game, playerId, questionIndex, optionIds, text, arrived);
            AnswerIntake.Receipt receipt = received.receipt();
            // Worded here, on the socket's thread, while the broker takes the answer: the producer's one network thread
            // (all answers' sends and acknowledgements) then only hands the text to the socket.
            String reply = json(new ServerMessage.AnswerReceived(receipt.answerId(), receipt.questionIndex(),
                    receipt.receivedAt().toString(), receipt.responseMs()));
            // Not async: saved completes on the producer's callback thread (or the outbox writer's), and the reply is
            // an asynchronous write or a queued one, so nothing here blocks it; a hop onto the pool queued behind the
            // burst's other work.
            received.saved().whenComplete((ok, error) -> {
                try {
                    if (error == null) {
                        connection.sendNow(reply, () -> metrics.answerAcknowledged(receivedNanos));
                    } else {
                        // One line an operator can act on (NotSaved says which answer, why and what to check).
                        LOG.warning(error instanceof AnswerIntake.NotSaved ? error.getMessage()
                                : "answer of player " + playerId + " to game " + gameId + " not saved: " + error);
                        connection.send(json(new ServerMessage.AnswerNotSaved(questionIndex)));
                    }
                } finally {
                    told.complete(null);
                }
            });
        } catch (AnswerIntake.Refused e) {
            connection.send(json(new ServerMessage.AnswerRefused(questionIndex, e.code(), null, e.getMessage())));
            told.complete(null);
        } catch (RuntimeException e) {
            // The game could not be read or the answer not handed on (a database out): nothing was recorded, and the
            // player is told so rather than left waiting for a receipt that never comes.
            LOG.warning("answer of player " + playerId + " to game " + gameId + " not taken: " + e);
            connection.send(json(new ServerMessage.AnswerNotSaved(questionIndex)));
            told.complete(null);
        }
    }
}
