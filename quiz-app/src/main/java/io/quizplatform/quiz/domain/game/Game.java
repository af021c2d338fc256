package io.quizplatform.quiz.domain.game;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One live game of a published quiz, event-sourced. Host commands and the server's timers move it through
 * {@link GamePhase}s one question at a time; players join in the lobby (or later, if the host allows). Time is
 * always passed in, so the same rules run in tests, on the timer thread, and when an instance replays a game after
 * a restart.
 */
public final class Game {

    public static final Duration PREVIEW = Duration.ofSeconds(3);

    /** A player as the roster has them; {@code joinedInVersion}: the game version their (latest) join made. */
    public record Player(String id, String nickname, boolean kicked, long joinedInVersion) {
    }

    private String id;
    private String quizId;
    private String hostId;
    private String pin;
    private List<Integer> timeLimits = List.of();
    private List<GameQuestion> questions = List.of();
    private GameEvent.CloseReason closeReason;
    private boolean lateJoinAllowed;
    private int maxPlayers;
    private GamePhase phase;
    private int questionIndex = -1;
    private Instant opensAt;
    private Instant openedAt;
    /** The game version the open question's opening made (0 while none is open). */
    private long openedInVersion;
    private Instant closesAt;
    private Roster roster = new Roster();
    private long activePlayers;
    private final Set<String> kickedIds = new HashSet<>();
    private long version;
    private final List<GameEvent> pending = new ArrayList<>();

    private Game() {
    }

    public static Game create(String gameId, String quizId, String hostId, GamePin pin, List<GameQuestion> questions,
                              boolean speedScoring, boolean streakBonus, boolean lateJoinAllowed, int maxPlayers, Instant now) {
        if (questions == null || questions.isEmpty()) {
            throw new GameRuleViolation("quiz-empty", "a game needs a published quiz with at least one question");
        }
        if (maxPlayers < 1) {
            throw new IllegalArgumentException("maxPlayers must be positive");
        }
        Game game = new Game();
        List<Integer> timeLimits = questions.stream().map(GameQuestion::timeLimitSeconds).toList();
        game.record(new GameEvent.GameCreated(gameId, quizId, hostId, pin.value(), timeLimits, List.copyOf(questions),
                speedScoring, streakBonus, lateJoinAllowed, maxPlayers, now));
        return game;
    }

    public static Game fromHistory(List<GameEvent> history) {
        if (history.isEmpty() || !(history.get(0) instanceof GameEvent.GameCreated)) {
            throw new IllegalArgumentException("a game's history starts with game.created");
        }
        Game game = new Game();
        history.forEach(game::apply);
        game.roster = game.roster.settled();
        return game;
    }

    /**
     * An independent copy of the committed state: what a command then records changes the copy only. The players are
     * not copied one by one ({@link Roster}), where replaying the history normalizes every nickname again, so an
     * instance keeps the latest state of each game and copies it (GameEventStore).
     */
    public Game copy() {
        if (!pending.isEmpty()) {
            throw new IllegalStateException("a game with uncommitted events is not copied");
        }
        Game copy = new Game();
        copy.id = id;
        copy.quizId = quizId;
        copy.hostId = hostId;
        copy.pin = pin;
        copy.timeLimits = timeLimits;
        copy.questions = questions;
        copy.closeReason = closeReason;
        copy.lateJoinAllowed = lateJoinAllowed;
        copy.maxPlayers = maxPlayers;
        copy.phase = phase;
        copy.questionIndex = questionIndex;
        copy.opensAt = opensAt;
        copy.openedAt = openedAt;
        copy.openedInVersion = openedInVersion;
        copy.closesAt = closesAt;
        copy.roster = roster.copy();
        copy.activePlayers = activePlayers;
        copy.kickedIds.addAll(kickedIds);
        copy.version = version;
        return copy;
    }

    /** Applies events committed after this state (read back from the store), in order. */
    public void replay(List<GameEvent> committedLater) {
        if (!pending.isEmpty()) {
            throw new IllegalStateException("uncommitted events would be overtaken");
        }
        committedLater.forEach(this::apply);
        roster = roster.settled();
    }

    // --- players ----------------------------------------------------------------------------------------------

    public Player join(String playerId, String nickname, Instant now) {
        if (phase == GamePhase.ENDED) {
            throw new GameRuleViolation("game-ended", "This game has ended.");
        }
        if (phase != GamePhase.LOBBY && !lateJoinAllowed) {
            throw new GameRuleViolation("game-started", "This game has already started and the host does not let players join late.");
        }
        if (activePlayerCount() >= maxPlayers) {
            throw new GameRuleViolation("game-full", "This game is full (" + maxPlayers + " players).");
        }
        Optional<String> problem = Nickname.problem(nickname);
        if (problem.isPresent()) {
            throw new GameRuleViolation(GameRuleViolation.NICKNAME_INVALID, "Nickname " + problem.get() + ".");
        }
        String normalized = Nickname.normalizeSpaces(nickname);
        if (roster.nicknameTaken(Nickname.key(normalized))) {
            throw new GameRuleViolation("nickname-taken", "Someone in this game is already called " + normalized + "; pick another nickname.");
        }
        record(new GameEvent.PlayerJoined(playerId, normalized, now));
        return roster.player(playerId);
    }

    public void kick(String playerId, Instant now) {
        Player player = roster.player(playerId);
        if (player == null || player.kicked()) {
            throw new GameRuleViolation("no-such-player", "There is no such player in this game.");
        }
        if (phase == GamePhase.ENDED) {
            throw new GameRuleViolation("game-ended", "This game has ended.");
        }
        record(new GameEvent.PlayerKicked(playerId, now));
    }

    // --- the host's controls and the timers ---------------------------------------------------------------------

    /** From the lobby to the first question's preview. */
    public void start(Instant now) {
        if (phase != GamePhase.LOBBY) {
            throw new GameRuleViolation("not-in-lobby", "The game has already started.");
        }
        record(new GameEvent.GameStarted(now));
        record(new GameEvent.QuestionPreviewed(0, now, now.plus(PREVIEW)));
    }

    /** After a question closed: preview the next one, or end the game after the last. */
    public void next(Instant now) {
        if (phase != GamePhase.CLOSED) {
            throw phase == GamePhase.LOBBY ? new GameRuleViolation("not-started", "Start the game first.")
                    : new GameRuleViolation("question-not-closed", "The current question is still running; skip it to close it now.");
        }
        if (questionIndex + 1 >= timeLimits.size()) {
            record(new GameEvent.GameEnded(GameEvent.EndReason.COMPLETED, now));
        } else {
            record(new GameEvent.QuestionPreviewed(questionIndex + 1, now, now.plus(PREVIEW)));
        }
    }

    /** The preview is over: answers are accepted until the question's time limit. Called by the timer. */
    public boolean openIfDue(Instant now) {
        if (phase != GamePhase.PREVIEW || now.isBefore(opensAt)) {
            return false;
        }
        record(new GameEvent.QuestionOpened(questionIndex, now, now.plusSeconds(timeLimits.get(questionIndex))));
        return true;
    }

    /** Time is up. Called by the timer; a late or repeated firing finds nothing to do. */
    public boolean closeIfDue(Instant now) {
        if (phase != GamePhase.OPEN || now.isBefore(closesAt)) {
            return false;
        }
        record(new GameEvent.QuestionClosed(questionIndex, GameEvent.CloseReason.TIME_UP, now));
        return true;
    }

    /** Every connected player has answered: no need to wait for the clock. */
    public boolean closeBecauseAllAnswered(Instant now) {
        if (phase != GamePhase.OPEN) {
            return false;
        }
        record(new GameEvent.QuestionClosed(questionIndex, GameEvent.CloseReason.ALL_ANSWERED, now));
        return true;
    }

    /** The host closes the current question now (during its preview too). */
    public void skip(Instant now) {
        if (phase != GamePhase.OPEN && phase != GamePhase.PREVIEW) {
            throw new GameRuleViolation("nothing-to-skip", "No question is running.");
        }
        record(new GameEvent.QuestionClosed(questionIndex, GameEvent.CloseReason.SKIPPED, now));
    }

    public void end(Instant now) {
        if (phase == GamePhase.ENDED) {
            throw new GameRuleViolation("game-ended", "This game has already ended.");
        }
        record(new GameEvent.GameEnded(GameEvent.EndReason.ENDED_BY_HOST, now));
    }

    /**
     * The server ends a game nothing has happened to for a long while (its host left without ending it), in whatever
     * phase it stood: its PIN is free again and its scores are finalized. False when it had ended already, and while
     * its clock still has a move to make (a question about to open, or open until its limit, up to 240 s, with no
     * event meanwhile): the clock's move is the game's next event, and an idle limit shorter than a question must not
     * end the game under the players answering it.
     */
    public boolean endIdle(Instant now) {
        if (phase == GamePhase.ENDED || phase == GamePhase.PREVIEW && now.isBefore(opensAt)
                || phase == GamePhase.OPEN && now.isBefore(closesAt)) {
            return false;
        }
        record(new GameEvent.GameEnded(GameEvent.EndReason.IDLE, now));
        return true;
    }

    // --- answers ----------------------------------------------------------------------------------------------

    /**
     * Whether this player may answer this question now, and whether the answer has the question's shape. Answers
     * are not events of the game (answer-app decides on them); this is the check made where they are received, so
     * that most refusals are immediate.
     */
    public void checkAnswer(String playerId, int index, List<String> optionIds, String text, Instant now) {
        Player player = roster.player(playerId);
        if (player == null) {
            throw new GameRuleViolation("not-a-player", "You are not a player of this game.");
        }
        if (player.kicked()) {
            throw new GameRuleViolation("kicked", "The host removed you from this game.");
        }
        if (index < 0 || index >= timeLimits.size()) {
            throw new GameRuleViolation("invalid-answer", "This game has no question " + index + ".");
        }
        if (phase != GamePhase.OPEN || index != questionIndex) {
            boolean closed = index < questionIndex || (index == questionIndex && (phase == GamePhase.CLOSED || phase == GamePhase.ENDED));
            throw closed ? new GameRuleViolation("question-closed", "Too late: this question has closed.")
                    : new GameRuleViolation("question-not-open", "This question is not open for answers.");
        }
        if (!now.isBefore(closesAt)) {
            throw new GameRuleViolation("too-late", "Too late: time was up for this question.");
        }
        question(index).ifPresent(q -> q.checkAnswerShape(optionIds, text));
    }

    // --- state ----------------------------------------------------------------------------------------------

    private void apply(GameEvent event) {
        if (event instanceof GameEvent.GameCreated e) {
            id = e.gameId();
            quizId = e.quizId();
            hostId = e.hostId();
            pin = e.pin();
            timeLimits = List.copyOf(e.timeLimitsSeconds());
            questions = e.questions() == null ? List.of() : List.copyOf(e.questions());
            lateJoinAllowed = e.lateJoinAllowed();
            maxPlayers = e.maxPlayers();
            phase = GamePhase.LOBBY;
        } else if (event instanceof GameEvent.PlayerJoined e) {
            Player before = roster.player(e.playerId());
            roster.put(new Player(e.playerId(), e.nickname(), false, version + 1));
            roster.takeNickname(Nickname.key(e.nickname()));
            if (before == null || before.kicked()) {
                activePlayers++;
            }
            kickedIds.remove(e.playerId());
        } else if (event instanceof GameEvent.PlayerKicked e) {
            Player p = roster.player(e.playerId());
            roster.put(new Player(p.id(), p.nickname(), true, p.joinedInVersion()));
            roster.freeNickname(Nickname.key(p.nickname()));
            if (!p.kicked()) {
                activePlayers--;
            }
            kickedIds.add(p.id());
        } else if (event instanceof GameEvent.QuestionPreviewed e) {
            phase = GamePhase.PREVIEW;
            questionIndex = e.questionIndex();
            opensAt = e.opensAt();
            openedAt = null;
            openedInVersion = 0;
            closesAt = null;
            closeReason = null;
        } else if (event instanceof GameEvent.QuestionOpened e) {
            phase = GamePhase.OPEN;
            openedAt = e.at();
            openedInVersion = version + 1;
            closesAt = e.closesAt();
        } else if (event instanceof GameEvent.QuestionClosed e) {
            phase = GamePhase.CLOSED;
            closeReason = e.reason();
        } else if (event instanceof GameEvent.GameEnded) {
            phase = GamePhase.ENDED;
        }
        version++;
    }

    private void record(GameEvent event) {
        apply(event);
        pending.add(event);
    }

    public long activePlayerCount() {
        return activePlayers;
    }

    /** The question as this game plays it; empty only for games created before questions were copied in. */
    public Optional<GameQuestion> question(int index) {
        return index >= 0 && index < questions.size() ? Optional.of(questions.get(index)) : Optional.empty();
    }

    /** Why the current question closed, while it is closed. */
    public Optional<GameEvent.CloseReason> closeReason() {
        return phase == GamePhase.CLOSED ? Optional.ofNullable(closeReason) : Optional.empty();
    }

    /** The players the host removed (a few at most: the push to their sockets looks them up, not every socket). */
    public Set<String> kickedPlayerIds() {
        return Collections.unmodifiableSet(kickedIds);
    }

    public Optional<Player> player(String playerId) {
        return Optional.ofNullable(roster.player(playerId));
    }

    /** Seconds left to answer, 0 when no question is open. */
    public long secondsLeft(Instant now) {
        return phase == GamePhase.OPEN ? Math.max(0, Duration.between(now, closesAt).toSeconds()) : 0;
    }

    public String id() { return id; }

    public String quizId() { return quizId; }

    public String hostId() { return hostId; }

    public String pin() { return pin; }

    public GamePhase phase() { return phase; }

    public int questionIndex() { return questionIndex; }

    public int questionCount() { return timeLimits.size(); }

    public Instant opensAt() { return opensAt; }

    public Instant openedAt() { return openedAt; }

    /**
     * The game version an answer of this player to the open question was checked against, as far as it matters: the
     * question's opening and the player's join. Once the game's events up to it are in the log, the answer can follow
     * them there without overtaking anything it depends on (later joins and kicks of others do not change it).
     */
    public long versionAnAnswerDependsOn(String playerId) {
        Player player = roster.player(playerId);
        return Math.max(openedInVersion, player == null ? version : player.joinedInVersion());
    }

    public Instant closesAt() { return closesAt; }

    /** Every player who joined, those the host removed too, in the order they joined. */
    public List<Player> players() { return roster.players(); }

    public long version() { return version; }

    public long expectedVersion() { return version - pending.size(); }

    public List<GameEvent> pendingEvents() { return List.copyOf(pending); }

    public void markCommitted() {
        pending.clear();
        roster = roster.settled();
    }
}
