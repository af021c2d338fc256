package io.quizplatform.quiz.application.live;

import io.quizplatform.contracts.AnswerRejected;
import io.quizplatform.contracts.AnswerSubmitted;
import io.quizplatform.contracts.GameFinalized;
import io.quizplatform.contracts.QuestionScored;
import io.quizplatform.contracts.QuestionTallied;
import io.quizplatform.quiz.application.AnswersDecided;
import io.quizplatform.quiz.application.LiveAnswers;
import io.quizplatform.quiz.application.LiveScores;
import io.quizplatform.quiz.application.ScoresPublished;
import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.domain.game.GamePhase;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static io.quizplatform.quiz.application.live.LiveMessages.json;

/**
 * answer-app's decisions and scoring-app's scores, as the fan-out read them, to the connections here: each player
 * hears of their own answer and their own score line only, never anyone else's; the host gets a live count, the
 * results, and the top of the board once per question; everyone the podium once the game is final.
 */
@ApplicationScoped
public class LiveResults implements LiveGameNews {

    /** The host's live answer count is pushed at most this often. */
    static final long ANSWER_COUNT_INTERVAL_MS = 250;

    @Inject
    AnswerReceipts receipts;

    @Inject
    GameViews views;

    @Inject
    GameConnections connections;

    @Inject
    StateMessages states;

    @Inject
    LiveAnswers answers;

    @Inject
    LiveScores scores;

    @Inject
    EveryoneAnswered everyoneAnswered;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Set<String> countPushScheduled = ConcurrentHashMap.newKeySet();
    /** The question whose leaderboard the hosts here were last sent: once per question, whatever its parts. */
    private final Map<String, Integer> leaderboardPushed = new ConcurrentHashMap<>();
    private final Set<String> podiumPushed = ConcurrentHashMap.newKeySet();

    /** Refusals to their players, acceptances to theirs, a live count to the host, results once tallied. */
    @Override
    public void answersDecided(AnswersDecided decided) {
        String gameId = decided.gameId();
        for (AnswerRejected refusal : decided.rejected()) {
            // After the answer's receipt like an acceptance: a refusal sent first would be overwritten on the phone by
            // the "received" that follows it, and the player would wait for a decision already made.
            String text = json(new ServerMessage.AnswerRefused(refusal.questionIndex(), refusal.reason(), null, refusal.message()));
            connections.ofPlayer(gameId, refusal.playerId()).forEach(connection -> receipts.afterReceipt(gameId,
                    refusal.playerId(), refusal.questionIndex(), () -> connection.send(text)));
        }
        if (!decided.accepted().isEmpty()) {
            // Each player hears of their own answer only: one message per answer, never to the room.
            for (AnswerSubmitted mine : decided.accepted()) {
                Collection<Connection> theirs = connections.ofPlayer(gameId, mine.playerId());
                if (!theirs.isEmpty()) {
                    String accepted = json(new ServerMessage.AnswerAccepted(mine.answerId(), mine.questionIndex()));
                    theirs.forEach(connection -> receipts.afterReceipt(gameId, mine.playerId(), mine.questionIndex(),
                            () -> connection.send(accepted)));
                }
            }
            pushAnswerCountSoon(gameId);
            everyoneAnswered.checkSoon(gameId);
        }
        for (QuestionTallied tally : decided.tallies()) {
            Optional<Game> game = views.seen(gameId);
            if (game.isEmpty()) {
                continue;
            }
            // Built once; each player's own answer is spliced in. The host's big screen goes first.
            String common = json(states.results(game.get(), tally));
            Collection<Connection> here = connections.of(gameId);
            here.stream().filter(Connection::host).forEach(c -> c.send(common));
            for (Connection connection : here) {
                if (!connection.host()) {
                    connection.send(LiveMessages.with(common, "yourAnswer",
                            LiveMessages.part(states.yourAnswer(gameId, tally.questionIndex(), connection.userId(), true))));
                }
            }
        }
    }

    private void pushAnswerCountSoon(String gameId) {
        if (countPushScheduled.add(gameId)) {
            scheduler.schedule(() -> {
                countPushScheduled.remove(gameId);
                views.seen(gameId).filter(game -> game.phase() == GamePhase.OPEN).ifPresent(game ->
                        connections.toHosts(gameId, json(new ServerMessage.AnswerCount(game.questionIndex(),
                                answers.count(gameId, game.questionIndex()), game.activePlayerCount()))));
            }, ANSWER_COUNT_INTERVAL_MS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * scoring-app's scores (already in {@link LiveScores}): to each player here their own line, never anyone
     * else's; to the host the top of the board once per question; the podium to everyone once the game is final.
     */
    @Override
    public void scoresPublished(ScoresPublished published) {
        String gameId = published.gameId();
        // The connections by player, once per poll: a part's 500 lines are then 500 look-ups, not 500 scans.
        List<Connection> hosts = new ArrayList<>();
        Map<String, List<Connection>> players = new HashMap<>();
        for (Connection connection : connections.of(gameId)) {
            if (connection.host()) {
                hosts.add(connection);
            } else {
                players.computeIfAbsent(connection.userId(), id -> new ArrayList<>(1)).add(connection);
            }
        }
        if (hosts.isEmpty() && players.isEmpty()) {
            return;
        }
        for (QuestionScored part : published.parts()) {
            boolean newestBoard = scores.leaderboard(gameId).map(b -> b.questionIndex() <= part.questionIndex()).orElse(true);
            if (!hosts.isEmpty() && newestBoard && firstLeaderboard(gameId, part.questionIndex())) {
                String board = json(new ServerMessage.LeaderboardMessage(part.questionIndex(), part.players(),
                        StateMessages.leaders(part.leaders())));
                hosts.forEach(h -> h.send(board));
            }
            if (players.isEmpty() || part.lines() == null) {
                continue;
            }
            for (QuestionScored.Line line : part.lines()) {
                List<Connection> mine = players.get(line.playerId());
                if (mine == null) {
                    continue;
                }
                // The newest line known wins: a part of an earlier question arriving late is not shown.
                Optional<LiveScores.PlayerScore> latestLine = scores.score(gameId, line.playerId());
                if (latestLine.isPresent() && latestLine.get().questionIndex() > part.questionIndex()) {
                    continue;
                }
                String text = json(score(LiveScores.PlayerScore.of(part.questionIndex(), part.players(), line)));
                mine.forEach(c -> c.send(text));
            }
        }
        GameFinalized finalized = published.finalized();
        if (finalized != null) {
            if (podiumPushed.add(gameId)) {
                // Built once; each player's own rank and total are spliced in.
                String common = json(new ServerMessage.Podium(finalized.players(), StateMessages.leaders(finalized.podium())));
                hosts.forEach(h -> h.send(common));
                players.forEach((playerId, mine) -> {
                    Optional<LiveScores.PlayerScore> score = scores.score(gameId, playerId);
                    String text = score.isPresent() ? LiveMessages.with(common, "you",
                            LiveMessages.part(new ServerMessage.Finish(score.get().rank(), score.get().total()))) : common;
                    mine.forEach(c -> c.send(text));
                });
            }
        } else if (published.failed() != null && scores.podium(gameId).isEmpty()) {
            String unavailable = json(ServerMessage.PodiumUnavailable.FINAL_SCORES_FAILED);
            hosts.forEach(h -> h.send(unavailable));
        }
    }

    private static ServerMessage.Score score(LiveScores.PlayerScore s) {
        return new ServerMessage.Score(s.questionIndex(), s.points(), s.bonus(), s.total(), s.rank(), s.players(),
                s.answered(), s.correct(), s.streak(),
                s.ahead() == null ? null : new ServerMessage.Ahead(s.ahead().nickname(), s.ahead().total()));
    }

    private boolean firstLeaderboard(String gameId, int questionIndex) {
        boolean[] first = {false};
        leaderboardPushed.compute(gameId, (id, last) -> {
            first[0] = last == null || last < questionIndex;
            return first[0] ? questionIndex : last;
        });
        return first[0];
    }

    /** The game ended a while ago: what was kept here for it goes. */
    public void forget(String gameId) {
        leaderboardPushed.remove(gameId);
        podiumPushed.remove(gameId);
    }
}
