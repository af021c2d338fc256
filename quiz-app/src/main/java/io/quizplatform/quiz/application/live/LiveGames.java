package io.quizplatform.quiz.application.live;

import io.quizplatform.quiz.application.AnswerIntake;
import io.quizplatform.quiz.application.GameHosting;
import io.quizplatform.quiz.application.LiveAnswers;
import io.quizplatform.quiz.application.LiveGameWatch;
import io.quizplatform.quiz.application.LiveScores;
import io.quizplatform.quiz.application.QuestionOpenings;
import io.quizplatform.quiz.application.ShownQuestions;
import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.domain.game.GamePhase;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import static io.quizplatform.quiz.application.live.LiveMessages.json;

/**
 * The live games of this instance: who may join a game's connections ({@code welcome}), the answers they send, and
 * every change of a game pushed to its connections, built per role ({@link StateMessages}). The connections
 * themselves are the adapter's ({@link GameConnections}); answer-app's decisions and scoring-app's scores go out
 * through {@link LiveResults}.
 */
@ApplicationScoped
public class LiveGames {

    private static final Logger LOG = Logger.getLogger(LiveGames.class.getName());
    /** Lobby changes (joins, kicks) reach the host at most this often. */
    static final long ROSTER_PUSH_INTERVAL_MS = 500;

    @Inject
    AnswerReceipts receipts;

    @Inject
    GameViews views;

    @Inject
    GameHosting games;

    @Inject
    GameConnections connections;

    @Inject
    StateMessages states;

    @Inject
    AnswerIntake intake;

    @Inject
    LiveAnswers answers;

    @Inject
    PlayersOnline presence;

    @Inject
    LiveGameWatch watch;

    @Inject
    QuestionOpenings openings;

    @Inject
    ShownQuestions shown;

    @Inject
    LiveResults results;

    @Inject
    LiveGameMetrics metrics;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Set<String> hostPushScheduled = ConcurrentHashMap.newKeySet();
    /** Phase and question of the last push per game: a change of neither is a change of the roster only. */
    private final Map<String, String> lastStage = new ConcurrentHashMap<>();
    /** Ended games whose connections are to be let go of once their podium has had time to come. */
    private final Set<String> forgetScheduled = ConcurrentHashMap.newKeySet();
    /** The newest version of each game pushed to its connections here. */
    private final Map<String, Long> pushedVersion = new ConcurrentHashMap<>();
    private final Map<String, Object> pushLocks = new ConcurrentHashMap<>();

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
            kick(connection);
            return;
        }
        connections.add(connection);
        presence.connected(connection.gameId(), connection.userId());
        welcome(connection, game);
    }

    /** A signed-in user says hello as the host: welcomed if it is their game (or they are an admin). */
    public void hostHello(Connection connection, Game game, boolean admin) {
        if (!admin && !connection.userId().equals(game.hostId())) {
            connection.send(json(new ServerMessage.Error("not-your-game", null,
                    "Only the host of this game can connect as its host.")));
            return;
        }
        connections.add(connection);
        welcome(connection, game);
    }

    private void welcome(Connection connection, Game game) {
        watch.watch(game);
        views.keep(game);
        if (game.phase() == GamePhase.ENDED) {
            // Someone back on an ended game's podium: what this brought back is let go of again later.
            forgetEndedLater(game.id());
        }
        String welcome = connection.host() ? json(states.forHost(game, StateMessages.WELCOME))
                : json(states.forPlayer(game, StateMessages.WELCOME, connection.userId()));
        sendState(connection, game, welcome, null);
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
                        connection.send(json(new ServerMessage.Error("answer-not-saved", null,
                                "Your answer could not be saved; send it again.")));
                    }
                } finally {
                    told.complete(null);
                }
            });
        } catch (AnswerIntake.Refused e) {
            connection.send(json(new ServerMessage.AnswerRefused(questionIndex, e.code(), null, e.getMessage())));
            told.complete(null);
        } catch (RuntimeException e) {
            told.complete(null);
            throw e;
        }
    }

    /**
     * Pushes the new state of a game to its connections on this instance. A change of phase or question goes to
     * everyone at once; a change of the roster only (joins, kicks) goes to the host, at most twice a second, so a
     * lobby filling up with thousands of players does not cost thousands of messages per join.
     * Called by {@link io.quizplatform.quiz.application.GameChanges} for each announcement of a change.
     */
    public void changed(Game game) {
        // The fan-out, the clock and the watch may all bring the same change, on different threads: each version
        // is pushed once, never an older one after a newer.
        synchronized (pushLocks.computeIfAbsent(game.id(), id -> new Object())) {
            Long pushed = pushedVersion.get(game.id());
            if (pushed != null && pushed >= game.version()) {
                return;
            }
            pushedVersion.put(game.id(), game.version());
            push(game);
        }
    }

    private void push(Game game) {
        long startNanos = System.nanoTime();
        views.update(game);
        if (game.phase() == GamePhase.ENDED) {
            answers.forget(game.id());
            openings.forget(game.id());
            shown.forget(game.id());
            forgetEndedLater(game.id());
        }
        String stage = game.phase() + ":" + game.questionIndex();
        if (stage.equals(lastStage.put(game.id(), stage))) {
            // Only the roster changed (joins, a kick): the kicked players' sockets are closed, the players hear
            // nothing, the hosts' list is refreshed soon. Looked up by player, not by scanning 10,000 sockets per join.
            for (String kicked : game.kickedPlayerIds()) {
                connections.ofPlayer(game.id(), kicked).forEach(LiveGames::kick);
            }
            pushHostStateSoon(game.id());
            return;
        }
        var here = connections.of(game.id());
        if (here.isEmpty()) {
            return;
        }
        // One text for every player and one for the hosts: thousands of connections get the same string, built once.
        String forPlayers = json(states.forPlayers(game));
        String forHosts = json(states.forHost(game, StateMessages.STATE));
        List<Connection> to = new ArrayList<>(here.size());
        for (Connection connection : here) {
            if (!connection.host()) {
                Optional<Game.Player> player = game.player(connection.userId());
                if (player.isEmpty()) {
                    // A version from before this player joined (their welcome came from a newer one): not a kick.
                    continue;
                }
                if (player.get().kicked()) {
                    kick(connection);
                    continue;
                }
            }
            to.add(connection);
        }
        Runnable written = metrics.pushStarted(startNanos, to.size());
        for (Connection connection : to) {
            sendState(connection, game, connection.host() ? forHosts : forPlayers, written);
        }
    }

    private static void kick(Connection connection) {
        connection.send(json(ServerMessage.Kicked.BY_HOST));
        connection.close("kicked");
    }

    /**
     * A state or welcome; a player's open question is stamped once written ({@code shownAt}, fair timing), and
     * {@code written} (if any) runs as the write starts too.
     */
    private void sendState(Connection connection, Game game, String text, Runnable written) {
        if (game.phase() != GamePhase.OPEN || connection.host()) {
            if (written == null) {
                connection.send(text);
            } else {
                connection.send(text, written);
            }
            return;
        }
        String gameId = game.id();
        int index = game.questionIndex();
        String playerId = connection.userId();
        connection.send(text, () -> {
            shown.shown(gameId, index, playerId, Instant.now());
            if (written != null) {
                written.run();
            }
        });
    }

    private void pushHostStateSoon(String gameId) {
        if (hostPushScheduled.add(gameId)) {
            scheduler.schedule(() -> {
                hostPushScheduled.remove(gameId);
                views.seen(gameId).ifPresent(game -> connections.toHosts(gameId, json(states.forHost(game, StateMessages.STATE))));
            }, ROSTER_PUSH_INTERVAL_MS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * An ended game's connections are kept for a while, not dropped at the end: the podium comes from scoring-app a
     * moment after the end, and players stay on it. Then everything kept here for the game goes.
     */
    private void forgetEndedLater(String gameId) {
        if (forgetScheduled.add(gameId)) {
            scheduler.schedule(() -> {
                forgetScheduled.remove(gameId);
                connections.forget(gameId);
                views.forget(gameId);
                lastStage.remove(gameId);
                results.forget(gameId);
                pushedVersion.remove(gameId);
                pushLocks.remove(gameId);
            }, LiveScores.KEEP_AFTER_END.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
