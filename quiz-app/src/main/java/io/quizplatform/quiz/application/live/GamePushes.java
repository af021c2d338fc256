package io.quizplatform.quiz.application.live;

import io.quizplatform.quiz.application.LiveAnswers;
import io.quizplatform.quiz.application.LiveScores;
import io.quizplatform.quiz.application.GameEventsInLog;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static io.quizplatform.quiz.application.live.LiveMessages.json;

/**
 * What a game's connections here are sent of the game itself: the welcome, and every change pushed per role
 * ({@link StateMessages}) once per version, one string for every player and one for the hosts; a change of the roster
 * only goes to the hosts, at most twice a second. An ended game is let go of here once its podium has had time to
 * come. Hellos and answers are {@link LiveGames}'; decisions and scores {@link LiveResults}'.
 */
@ApplicationScoped
public class GamePushes {

    /** Lobby changes (joins, kicks) reach the host at most this often. */
    static final long ROSTER_PUSH_INTERVAL_MS = 500;

    @Inject
    GameViews views;

    @Inject
    GameConnections connections;

    @Inject
    StateMessages states;

    @Inject
    LiveAnswers answers;

    @Inject
    GameEventsInLog inLog;

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
            try {
                push(game);
            } catch (RuntimeException e) {
                // Not pushed after all: the next announcement of this version (the fan-out's) pushes it again.
                if (pushed == null) {
                    pushedVersion.remove(game.id(), game.version());
                } else {
                    pushedVersion.put(game.id(), pushed);
                }
                throw e;
            }
        }
    }

    /** The game as it stands, to a connection just added to it (its role's view; a player's own). */
    void welcome(Connection connection, Game game) {
        if (game.phase() == GamePhase.ENDED) {
            // Someone back on an ended game's podium: what this brought back is let go of again later.
            forgetEndedLater(game.id());
        }
        String welcome = connection.host() ? json(states.forHost(game, StateMessages.WELCOME))
                : json(states.forPlayer(game, StateMessages.WELCOME, connection.userId()));
        sendState(connection, game, welcome, null);
        if (game.phase() == GamePhase.CLOSED) {
            // The results go out once, when answer-app's tally arrives: a big screen reloaded after it waited for them
            // for ever ("counting the answers"), a phone back after a blip lost its chart. Sent again to this one.
            answers.tally(game.id(), game.questionIndex()).ifPresent(tally -> {
                String results = json(states.results(game, tally));
                connection.send(connection.host() ? results : LiveMessages.with(results, "yourAnswer", LiveMessages.part(
                        states.yourAnswer(game.id(), tally.questionIndex(), connection.userId(), true))));
            });
        }
    }

    private void push(Game game) {
        long startNanos = System.nanoTime();
        views.update(game);
        if (game.phase() == GamePhase.ENDED) {
            answers.forget(game.id());
            inLog.forget(game.id());
            shown.forget(game.id());
            forgetEndedLater(game.id());
        }
        String stage = game.phase() + ":" + game.questionIndex();
        if (stage.equals(lastStage.put(game.id(), stage))) {
            // Only the roster changed (joins, a kick): the kicked players' sockets are closed, the players hear
            // nothing, the hosts' list is refreshed soon. Looked up by player, not by scanning 10,000 sockets per join.
            for (String kicked : game.kickedPlayerIds()) {
                connections.ofPlayer(game.id(), kicked).forEach(Connection::kick);
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
                    connection.kick();
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
                inLog.forget(gameId); // again: the fan-out may have read the game's last events back since the end
                lastStage.remove(gameId);
                results.forget(gameId);
                pushedVersion.remove(gameId);
                pushLocks.remove(gameId);
            }, LiveScores.KEEP_AFTER_END.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
