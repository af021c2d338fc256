package io.quizplatform.quiz.application;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.quiz.domain.ConcurrentChange;
import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.domain.game.GameEvents;
import io.quizplatform.quiz.domain.game.GamePhase;
import io.quizplatform.quiz.domain.game.GamePin;
import io.quizplatform.quiz.domain.game.GameQuestion;
import io.quizplatform.quiz.domain.game.Nickname;
import io.quizplatform.quiz.domain.game.PastGame;
import io.quizplatform.quiz.domain.game.PastGames;
import io.quizplatform.quiz.domain.game.PinTaken;
import io.quizplatform.quiz.domain.game.PlayerTokenIssuer;
import io.quizplatform.quiz.domain.quiz.QuestionType;
import io.quizplatform.quiz.domain.quiz.QuizDetail;
import io.quizplatform.quiz.domain.game.GameRuleViolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Hosts starting games of their published quizzes, and players joining them with a PIN. */
@ApplicationScoped
public class GameHosting {

    private static final Logger LOG = Logger.getLogger(GameHosting.class.getName());

    @Inject
    GameChanges changes;

    private static final int MAX_ATTEMPTS = 30;

    @Inject
    QuizAuthoring quizzes;

    @Inject
    GameCommands commands;

    @Inject
    GameEvents store;

    @Inject
    PlayerTokenIssuer playerTokens;

    @Inject
    ServiceSettings settings;

    @Inject
    GameJoins joins;

    @Inject
    PastGames listing;

    public record Joined(String gameId, String playerId, String nickname, String playerToken) {
    }

    public GameView create(Actor host, UUID quizId, boolean lateJoinAllowed) {
        QuizDetail quiz = quizzes.read(host, quizId);
        if (!QuizAuthoring.seesAnswers(host, quiz.ownerId())) {
            // A game shows each question's answers once it closes (a skip closes one at once): hosting it alone
            // would give anyone the answers of the quiz a class is playing.
            throw new NotYourQuiz("Only the quiz's owner (or an admin) can host a game of it: a game shows its answers.");
        }
        if (!"published".equals(quiz.status())) {
            throw new QuizNotPublished();
        }
        List<GameQuestion> questions = quiz.questions().stream().map(GameHosting::playedAs).toList();
        int maxPlayers = settings.intValue("game.max.players", 10_000);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Game game = rules(() -> Game.create(UUID.randomUUID().toString(), quiz.id(), host.userId(), GamePin.random(),
                    questions, quiz.settings().speedScoring(), quiz.settings().streakBonus(), lateJoinAllowed, maxPlayers,
                    Instant.now()));
            try {
                commands.register(game, host.userId());
                return GameView.of(game);
            } catch (PinTaken e) {
                // another live game drew the same PIN: draw again
            }
        }
        throw new NoFreePin();
    }

    private static GameQuestion playedAs(QuizDetail.QuestionView q) {
        return new GameQuestion(q.id(), QuestionType.fromWireName(q.type()), q.text(), q.imageUrl(), q.timeLimitSeconds(),
                q.points(), QuizDetail.options(q.options()), q.acceptedAnswers());
    }

    /**
     * Refuses, as the game would, a join whose PIN is not 6 ASCII digits or whose nickname breaks the nickname rule:
     * for a caller that must know before it counts or stores anything (the join limits' keys hold the PIN).
     */
    public static void requireWellFormed(String pin, String nickname) {
        if (!GamePin.isWellFormed(pin)) {
            throw JoinRefused.invalidPin();
        }
        Nickname.problem(nickname).ifPresent(problem -> {
            throw JoinRefused.nicknameInvalid(problem);
        });
    }

    /** Joins the player and returns once committed; throws {@link JoinRefused} when the game does not take them. */
    public Joined join(String pin, String nickname) {
        UUID gameId = gameByPin(pin);
        String playerId = UUID.randomUUID().toString();
        return joined(gameId, joins.join(gameId, playerId, nickname));
    }

    /**
     * {@link #join} for a caller that answers when the join is committed rather than waiting for it (the join
     * socket). A malformed or unknown PIN fails at once; the stage fails with the rule a join broke
     * ({@link JoinRefused} either way). The stage completes on {@code answers}: the player's token is issued there,
     * not on the thread that commits the game's joins, which has the next group to commit.
     */
    public CompletableFuture<Joined> joinSoon(String pin, String nickname, Executor answers) {
        UUID gameId = gameByPin(pin);
        return joins.joinSoon(gameId, UUID.randomUUID().toString(), nickname)
                .thenApplyAsync(player -> joined(gameId, player), answers);
    }

    private UUID gameByPin(String pin) {
        if (!GamePin.isWellFormed(pin)) {
            throw JoinRefused.invalidPin();
        }
        return store.liveGameByPin(pin).orElseThrow(() -> JoinRefused.unknownPin(pin));
    }

    private Joined joined(UUID gameId, Game.Player player) {
        return new Joined(gameId.toString(), player.id(), player.nickname(),
                playerTokens.issue(gameId.toString(), player.id(), Instant.now()));
    }

    /** A host command on a game the actor hosts (or any game, for an admin). */
    public GameView hostCommand(Actor actor, UUID gameId, Function<Game, ?> command) {
        Game game = withRetries(gameId, actor.userId(), g -> {
            requireHost(actor, g);
            command.apply(g);
            return g;
        });
        // Pushed here at once (and the clock follows it); other instances hear of it through the fan-out.
        announce(game);
        return GameView.of(game);
    }

    /**
     * A committed change announced here; a failure of it is not the command's (it was done, and the fan-out
     * announces it again from quiz-events): logged, not thrown at a caller who would think the command failed.
     */
    private void announce(Game game) {
        try {
            changes.announce(game);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "game " + game.id() + " changed (version " + game.version()
                    + ") but announcing it here failed; the fan-out announces it again", e);
        }
    }

    /**
     * Every connected player has answered the open question: close it now rather than wait for the clock. Each
     * instance that notices may call this; the first closes it and the others find nothing to do.
     */
    public void closeBecauseAllAnswered(UUID gameId, int questionIndex) {
        Game game = withRetries(gameId, "everyone-answered", g -> {
            if (g.phase() == GamePhase.OPEN && g.questionIndex() == questionIndex) {
                g.closeBecauseAllAnswered(Instant.now());
            }
            return g;
        });
        announce(game);
    }

    /** The game as committed, to read (shared: never changed by the caller). */
    public Game load(UUID gameId) {
        return store.latest(gameId).orElseThrow(() -> UnknownGame.amongYours(gameId));
    }

    /** The actor's games newest first; {@code everyone} (admins only) lists every host's. */
    public java.util.List<PastGame> games(Actor actor, boolean everyone, int page, int size) {
        if (everyone && !actor.admin()) {
            throw new AdminsOnly("Only an admin can list every host's games (scope=all).");
        }
        return listing.newestFirst(everyone ? null : actor.userId(), page, size);
    }

    public GameView view(Actor actor, UUID gameId) {
        Game game = store.latest(gameId).orElseThrow(() -> UnknownGame.amongYours(gameId));
        requireHost(actor, game);
        return GameView.of(game);
    }

    private <R> R withRetries(UUID gameId, String actorId, Function<Game, R> command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.run(gameId, actorId, game -> rules(() -> command.apply(game)));
            } catch (ConcurrentChange e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new GameBusy();
                }
            }
        }
    }

    static void requireHost(Actor actor, Game game) {
        if (!actor.admin() && !game.hostId().equals(actor.userId())) {
            throw UnknownGame.amongYours(UUID.fromString(game.id()));
        }
    }

    private static <T> T rules(java.util.function.Supplier<T> command) {
        try {
            return command.get();
        } catch (GameRuleViolation e) {
            throw new GameRuleBroken(e);
        }
    }
}
