package io.quizplatform.quiz.application.live;

import io.quizplatform.contracts.QuestionTallied;
import io.quizplatform.contracts.Standing;
import io.quizplatform.quiz.application.LiveAnswers;
import io.quizplatform.quiz.application.LiveScores;
import io.quizplatform.quiz.domain.quiz.QuizDetail;
import io.quizplatform.quiz.domain.quiz.QuizDetails;
import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.domain.game.GamePhase;
import io.quizplatform.quiz.domain.game.GameQuestion;
import io.quizplatform.quiz.application.live.ServerMessage.Correct;
import io.quizplatform.quiz.application.live.ServerMessage.HostState;
import io.quizplatform.quiz.application.live.ServerMessage.Leader;
import io.quizplatform.quiz.application.live.ServerMessage.PlayerState;
import io.quizplatform.quiz.application.live.ServerMessage.Question;
import io.quizplatform.quiz.application.live.ServerMessage.YourAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The game's state as each role may see it ({@code welcome}, {@code state}) and a closed question's results:
 * players get a question's options only while it is open and its correct answer only once it has closed; hosts also
 * see who is in the lobby. Scores only in {@code welcome}: whoever (re)connects learns where they stand, the rest
 * came as score messages.
 */
@ApplicationScoped
public class StateMessages {

    static final String WELCOME = "welcome";
    static final String STATE = "state";

    @Inject
    LiveAnswers answers;

    @Inject
    LiveScores scores;

    @Inject
    QuizDetails quizzes;

    private final Map<String, QuizDetail> quizCache = new ConcurrentHashMap<>();

    /** The host's screen. */
    public HostState forHost(Game game, String type) {
        Instant now = Instant.now();
        boolean open = game.phase() == GamePhase.OPEN;
        boolean welcome = WELCOME.equals(type);
        QuizDetail.QuestionView question = currentQuestion(game);
        Integer answered = running(game) ? answers.count(game.id(), game.questionIndex()) : null;
        ServerMessage.Leaderboard board = welcome ? scores.leaderboard(game.id())
                .map(b -> new ServerMessage.Leaderboard(b.questionIndex(), b.players(), leaders(b.leaders()))).orElse(null) : null;
        List<Leader> podium = welcome ? scores.podium(game.id()).map(p -> leaders(p.podium())).orElse(null) : null;
        return new HostState(type, game.id(), phase(game), game.questionIndex(), game.questionCount(),
                game.activePlayerCount(), now.toString(), open ? game.closesAt().toString() : null,
                open ? game.secondsLeft(now) : null, opensAt(game), question(question, game), correct(question, game),
                closeReason(question, game), game.pin(),
                game.players().stream().filter(p -> !p.kicked()).map(p -> new ServerMessage.Entrant(p.id(), p.nickname())).toList(),
                answered, board, podium);
    }

    /** All players' screens: one message for every one of them, without anything of one player's own. */
    public PlayerState forPlayers(Game game) {
        return forPlayer(game, STATE, null);
    }

    /**
     * One player's screen ({@code playerId} given: with {@code you} and their answer, as in {@code welcome}) or all
     * players' ({@code playerId} null).
     */
    public PlayerState forPlayer(Game game, String type, String playerId) {
        Instant now = Instant.now();
        boolean open = game.phase() == GamePhase.OPEN;
        boolean welcome = WELCOME.equals(type);
        QuizDetail.QuestionView question = currentQuestion(game);
        Optional<LiveScores.Podium> podium = welcome ? scores.podium(game.id()) : Optional.empty();
        ServerMessage.You you = null;
        Boolean answered = null;
        YourAnswer yourAnswer = null;
        ServerMessage.ScoreSoFar score = null;
        if (playerId != null) {
            Optional<LiveScores.PlayerScore> line = welcome ? scores.score(game.id(), playerId) : Optional.empty();
            Optional<Game.Player> player = game.player(playerId);
            if (player.isPresent()) {
                boolean finished = podium.isPresent() && line.isPresent();
                you = new ServerMessage.You(player.get().id(), player.get().nickname(),
                        finished ? line.get().rank() : null, finished ? line.get().total() : null);
            }
            if (running(game)) {
                yourAnswer = yourAnswer(game.id(), game.questionIndex(), playerId, game.phase() == GamePhase.CLOSED);
                answered = yourAnswer != YourAnswer.NONE;
            }
            score = line.map(s -> new ServerMessage.ScoreSoFar(s.questionIndex(), s.total(), s.rank(), s.players())).orElse(null);
        }
        return new PlayerState(type, game.id(), phase(game), game.questionIndex(), game.questionCount(),
                game.activePlayerCount(), now.toString(), open ? game.closesAt().toString() : null,
                open ? game.secondsLeft(now) : null, opensAt(game), question(question, game), correct(question, game),
                closeReason(question, game), you, answered, yourAnswer, score,
                podium.map(p -> leaders(p.podium())).orElse(null));
    }

    /** The results of a closed question as everyone may see them (players also get their own answer). */
    public ServerMessage.Results results(Game game, QuestionTallied tally) {
        QuizDetail.QuestionView question = questionAt(game, tally.questionIndex());
        return new ServerMessage.Results(tally.questionIndex(), tally.answered(), tally.correct(),
                tally.distribution().stream().map(c -> new ServerMessage.OptionCount(c.optionId(), c.count())).toList(),
                tally.textAnswers() == null ? List.of()
                        : tally.textAnswers().stream().map(c -> new ServerMessage.TextCount(c.text(), c.count())).toList(),
                question == null ? null : correct(question));
    }

    /** The player's own answer ({@link YourAnswer#NONE} if none); whether it was right only once closed. */
    public YourAnswer yourAnswer(String gameId, int index, String playerId, boolean closed) {
        Optional<LiveAnswers.Choice> choice = answers.choice(gameId, index, playerId);
        if (choice.isEmpty()) {
            return YourAnswer.NONE;
        }
        return new YourAnswer(List.copyOf(choice.get().optionIds()), choice.get().text(),
                closed ? choice.get().correct() : null);
    }

    static List<Leader> leaders(List<Standing> standings) {
        return standings == null ? List.of() : standings.stream()
                .map(s -> new Leader(s.rank(), s.playerId(), s.nickname(), s.total(), s.correctAnswers())).toList();
    }

    private static boolean running(Game game) {
        return game.phase() == GamePhase.OPEN || game.phase() == GamePhase.CLOSED;
    }

    private static String phase(Game game) {
        return game.phase().name().toLowerCase();
    }

    private static String opensAt(Game game) {
        return game.phase() == GamePhase.PREVIEW ? game.opensAt().toString() : null;
    }

    /** Preview: text only. Open: the options too. The correct flags never go out here. */
    private static Question question(QuizDetail.QuestionView q, Game game) {
        if (q == null) {
            return null;
        }
        List<ServerMessage.Option> options = game.phase() == GamePhase.PREVIEW ? null
                : q.options().stream().map(o -> new ServerMessage.Option(o.id(), o.text())).toList();
        return new Question(game.questionIndex(), q.type(), q.text(), q.timeLimitSeconds(), q.points(), q.imageUrl(), options);
    }

    private static Correct correct(QuizDetail.QuestionView q, Game game) {
        return q != null && game.phase() == GamePhase.CLOSED ? correct(q) : null;
    }

    private static String closeReason(QuizDetail.QuestionView q, Game game) {
        return q != null && game.phase() == GamePhase.CLOSED
                ? game.closeReason().map(r -> r.name().toLowerCase().replace('_', '-')).orElse(null) : null;
    }

    private static Correct correct(QuizDetail.QuestionView q) {
        return new Correct(q.options().stream().filter(QuizDetail.OptionView::correct).map(QuizDetail.OptionView::id).toList(),
                List.copyOf(q.acceptedAnswers()));
    }

    private QuizDetail.QuestionView currentQuestion(Game game) {
        if (game.questionIndex() < 0 || game.phase() == GamePhase.LOBBY || game.phase() == GamePhase.ENDED) {
            return null;
        }
        return questionAt(game, game.questionIndex());
    }

    /** The game's own copy of the question; games created before copies were kept fall back to the quiz. */
    public QuizDetail.QuestionView questionAt(Game game, int index) {
        Optional<GameQuestion> copy = game.question(index);
        if (copy.isPresent()) {
            GameQuestion q = copy.get();
            return new QuizDetail.QuestionView(q.id(), q.type().wireName(), q.text(), q.imageUrl(), q.timeLimitSeconds(), q.points(),
                    q.options().stream().map(o -> new QuizDetail.OptionView(o.id(), o.text(), o.correct())).toList(),
                    q.acceptedAnswers());
        }
        QuizDetail quiz = quizCache.computeIfAbsent(game.quizId(),
                id -> quizzes.detail(UUID.fromString(id)).orElseThrow());
        return index < quiz.questions().size() ? quiz.questions().get(index) : null;
    }
}
