package io.quizplatform.quiz.application;

import io.quizplatform.contracts.GameFinalizationFailed;
import io.quizplatform.contracts.GameFinalized;
import io.quizplatform.contracts.QuestionScored;
import io.quizplatform.contracts.Standing;
import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.domain.game.GamePhase;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What this instance knows about each game's scores, from scoring-app's scoring-events (which every instance
 * reads): every player's line after the latest question scored, the top of the board for the host, and the podium
 * once the game is finalized. Used to tell a (re)connecting player or host where they stand. Like
 * {@link LiveAnswers} it is a view rebuilt from the topic, not the record: scoring-app's database is.
 *
 * <p>Memory stays bounded: a game is forgotten {@link #KEEP_AFTER_END} after it ended or was finalized (the podium
 * comes after the end, and phones linger on it), and any game whose scores have not changed for {@link #KEEP_IDLE}
 * (abandoned, or ended before this instance started).
 */
@ApplicationScoped
public class LiveScores {

    /** How long a game's scores are kept after its end or its finalization, whichever came last. */
    public static final Duration KEEP_AFTER_END = Duration.ofMinutes(30);
    /** How long the scores of a game that never ends (as far as this instance heard) are kept untouched. */
    public static final Duration KEEP_IDLE = Duration.ofHours(2);

    /** A player's line after the latest question scored, as the player is shown it. */
    public record PlayerScore(int questionIndex, int players, int points, int bonus, int total, int rank,
                              Boolean correct, boolean answered, int streak, QuestionScored.Ahead ahead) {

        public static PlayerScore of(int questionIndex, int players, QuestionScored.Line line) {
            return new PlayerScore(questionIndex, players, line.points(), line.bonus(), line.total(), line.rank(),
                    line.correct(), line.answered(), line.streak(), line.ahead());
        }
    }

    /** The top of the board after a question, for the host's screen. */
    public record Leaderboard(int questionIndex, int players, List<Standing> leaders) {
    }

    public record Podium(int players, int questions, List<Standing> podium) {
    }

    private static final class GameScores {
        final Map<String, PlayerScore> byPlayer = new ConcurrentHashMap<>();
        final AtomicReference<Leaderboard> leaders = new AtomicReference<>();
        volatile Podium podium;
        volatile Instant touched;
        /** When the game ended or was finalized, whichever this instance heard of last. */
        volatile Instant finished;

        GameScores(Instant now) {
            touched = now;
        }
    }

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<String, GameScores> games = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile ScheduledFuture<?> sweeping;

    public LiveScores() {
        this(Clock.systemUTC());
    }

    LiveScores(Clock clock) {
        this.clock = clock;
    }

    @PostConstruct
    void startForgetting() {
        sweeping = scheduler.scheduleWithFixedDelay(this::forgetFinished, 1, 1, TimeUnit.MINUTES);
    }

    @PreDestroy
    void stopForgetting() {
        ScheduledFuture<?> s = sweeping;
        if (s != null) {
            s.cancel(false);
        }
    }

    /**
     * Takes one part of a question's board. A line replaces the player's line of an earlier question (or the same
     * one, redelivered), never that of a later one: a part arriving late changes nothing that is newer.
     */
    public void scored(QuestionScored part) {
        GameScores game = game(part.gameId());
        int index = part.questionIndex();
        for (QuestionScored.Line line : part.lines() == null ? List.<QuestionScored.Line>of() : part.lines()) {
            game.byPlayer.merge(line.playerId(), PlayerScore.of(index, part.players(), line),
                    (old, neu) -> neu.questionIndex() >= old.questionIndex() ? neu : old);
        }
        if (part.leaders() != null) {
            Leaderboard board = new Leaderboard(index, part.players(), List.copyOf(part.leaders()));
            game.leaders.accumulateAndGet(board, (old, neu) -> old == null || neu.questionIndex() >= old.questionIndex() ? neu : old);
        }
    }

    public void finalized(GameFinalized finalized) {
        GameScores game = game(finalized.gameId());
        game.podium = new Podium(finalized.players(), finalized.questions(),
                finalized.podium() == null ? List.of() : List.copyOf(finalized.podium()));
        game.finished = clock.instant();
    }

    /** The game is over even though its final scores are not: it is forgotten like a finalized one. */
    public void finalizationFailed(GameFinalizationFailed failed) {
        game(failed.gameId()).finished = clock.instant();
    }

    /** Every instance hears of every game's end (fan-out); only games with scores here are of interest. */
    void changed(Game changed) {
        GameScores game = games.get(changed.id());
        if (game != null) {
            Instant now = clock.instant();
            game.touched = now;
            if (changed.phase() == GamePhase.ENDED) {
                game.finished = now;
            }
        }
    }

    public Optional<PlayerScore> score(String gameId, String playerId) {
        GameScores game = games.get(gameId);
        return game == null ? Optional.empty() : Optional.ofNullable(game.byPlayer.get(playerId));
    }

    public Optional<Leaderboard> leaderboard(String gameId) {
        GameScores game = games.get(gameId);
        return game == null ? Optional.empty() : Optional.ofNullable(game.leaders.get());
    }

    public Optional<Podium> podium(String gameId) {
        GameScores game = games.get(gameId);
        return game == null ? Optional.empty() : Optional.ofNullable(game.podium);
    }

    /** Drops the games finished more than {@link #KEEP_AFTER_END} ago, and those idle for {@link #KEEP_IDLE}. */
    void forgetFinished() {
        Instant now = clock.instant();
        games.values().removeIf(g -> {
            Instant finished = g.finished;
            return finished != null && finished.plus(KEEP_AFTER_END).isBefore(now) || g.touched.plus(KEEP_IDLE).isBefore(now);
        });
    }

    private GameScores game(String gameId) {
        if (gameId == null) {
            throw new IllegalArgumentException("scores without a game id");
        }
        Instant now = clock.instant();
        GameScores game = games.computeIfAbsent(gameId, id -> new GameScores(now));
        game.touched = now;
        return game;
    }
}
