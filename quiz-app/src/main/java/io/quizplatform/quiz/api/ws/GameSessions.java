package io.quizplatform.quiz.api.ws;

import io.quizplatform.platform.api.ProblemException;
import io.quizplatform.contracts.AnswerRejected;
import io.quizplatform.contracts.AnswerSubmitted;
import io.quizplatform.contracts.GameFinalized;
import io.quizplatform.contracts.QuestionScored;
import io.quizplatform.contracts.QuestionTallied;
import io.quizplatform.contracts.Standing;
import io.quizplatform.quiz.application.Actor;
import io.quizplatform.quiz.application.AnswerIntake;
import io.quizplatform.quiz.application.AnswersDecided;
import io.quizplatform.quiz.application.LiveAnswers;
import io.quizplatform.quiz.application.LiveGameWatch;
import io.quizplatform.quiz.application.LiveScores;
import io.quizplatform.quiz.application.ScoresPublished;
import io.quizplatform.quiz.application.GameChanged;
import io.quizplatform.quiz.application.GameHosting;
import io.quizplatform.quiz.application.QuizDetail;
import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.domain.game.GamePhase;
import io.quizplatform.quiz.domain.game.GameQuestion;
import io.quizplatform.quiz.infrastructure.redis.GamePresence;
import io.quizplatform.quiz.infrastructure.game.PlayerTokens;
import io.quizplatform.quiz.infrastructure.projection.QuizProjection;
import io.quizplatform.quiz.infrastructure.security.AccessTokenVerifier;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import jakarta.json.JsonObjectBuilder;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The connections of this instance, by game, and the protocol spoken on them (docs/PROTOCOL.md). Every push is
 * built per role from the game's state: players get a question's options only while it is open and its correct
 * answer only once it has closed; hosts also see who is in the lobby. Scores go to each player as their own line
 * only; the host gets the top of the board.
 */
@ApplicationScoped
public class GameSessions {

    private static final Logger LOG = Logger.getLogger(GameSessions.class.getName());
    static final int MAX_MESSAGES_PER_SECOND = 10;
    static final long HELLO_TIMEOUT_SECONDS = 10;
    /** The host's live answer count is pushed at most this often. */
    static final long ANSWER_COUNT_INTERVAL_MS = 250;
    /** Lobby changes (joins, kicks) reach the host at most this often. */
    static final long ROSTER_PUSH_INTERVAL_MS = 500;
    static final long EVERYONE_ANSWERED_RECHECK_MS = 2000;

    private static final String ROLE = "role";
    private static final String GAME = "game";
    private static final String PLAYER = "player";
    private static final String HOST = "host";
    private static final String RATE = "rate";
    private static final String OUTBOUND = "outbound";

    @Inject
    GameHosting games;

    @Inject
    PlayerTokens playerTokens;

    @Inject
    AccessTokenVerifier hostTokens;

    @Inject
    QuizProjection quizzes;

    @Inject
    AnswerIntake intake;

    @Inject
    LiveAnswers answers;

    @Inject
    LiveScores scores;

    @Inject
    GamePresence presence;

    @Inject
    LiveGameWatch watch;

    @Inject
    io.quizplatform.quiz.application.QuestionOpenings openings;

    @Inject
    io.quizplatform.quiz.application.ShownQuestions shown;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedExecutorService writers;

    private final Map<String, Set<Session>> byGame = new ConcurrentHashMap<>();
    /** The newest state of each game with connections here, as the last push or hello loaded it. */
    private final Map<String, Game> latest = new ConcurrentHashMap<>();
    private final Map<String, QuizDetail> quizCache = new ConcurrentHashMap<>();
    private final Set<String> countPushScheduled = ConcurrentHashMap.newKeySet();
    private final Set<String> hostPushScheduled = ConcurrentHashMap.newKeySet();
    /** Phase and question of the last push per game: a change of neither is a change of the roster only. */
    private final Map<String, String> lastStage = new ConcurrentHashMap<>();
    /** The question whose leaderboard the hosts here were last sent: once per question, whatever its parts. */
    private final Map<String, Integer> leaderboardPushed = new ConcurrentHashMap<>();
    private final Set<String> podiumPushed = ConcurrentHashMap.newKeySet();
    /** Ended games whose connections are to be let go of once their podium has had time to come. */
    private final Set<String> forgetScheduled = ConcurrentHashMap.newKeySet();
    /** The newest version of each game pushed to its connections here. */
    private final Map<String, Long> pushedVersion = new ConcurrentHashMap<>();
    private final Map<String, Object> pushLocks = new ConcurrentHashMap<>();

    private java.util.concurrent.ScheduledFuture<?> everyoneAnsweredCheck;

    /**
     * "Everyone answered" is looked at again every {@value #EVERYONE_ANSWERED_RECHECK_MS} ms for the open questions
     * that have answers, not only when an answer is accepted: an answer accepted while Redis (the list of connected
     * players) was away, or a player who left after the others answered, must not leave a question open until its
     * time is up.
     */
    @jakarta.annotation.PostConstruct
    void startChecks() {
        everyoneAnsweredCheck = scheduler.scheduleWithFixedDelay(() -> latest.forEach((gameId, game) -> {
            if (game.phase() == GamePhase.OPEN && answers.count(gameId, game.questionIndex()) > 0) {
                try {
                    closeIfEveryoneAnswered(gameId);
                } catch (RuntimeException e) {
                    LOG.fine(() -> "everyone-answered check of " + gameId + " failed: " + e);
                }
            }
        }), EVERYONE_ANSWERED_RECHECK_MS, EVERYONE_ANSWERED_RECHECK_MS, TimeUnit.MILLISECONDS);
    }

    /** Stops the recurring check with the application (Liberty drops the connections themselves at a stop). */
    @jakarta.annotation.PreDestroy
    void stopChecks() {
        if (everyoneAnsweredCheck != null) {
            everyoneAnsweredCheck.cancel(false);
        }
    }

    void opened(Session session, String gameId) {
        session.setMaxIdleTimeout(5 * 60_000);
        // Whoever does not say who they are in time is let go.
        scheduler.schedule(() -> {
            if (session.isOpen() && role(session) == null) {
                close(session, CloseReason.CloseCodes.VIOLATED_POLICY, "no hello within " + HELLO_TIMEOUT_SECONDS + " s");
            }
        }, HELLO_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** A message over the size limit: the connection is closed (1009) with a reason that says only that. */
    void tooBig(Session session) {
        close(session, CloseReason.CloseCodes.TOO_BIG, GameSocket.TOO_BIG);
    }

    /** A binary message: the protocol is text only; the connection is closed (1003). */
    void binary(Session session) {
        close(session, CloseReason.CloseCodes.CANNOT_ACCEPT, GameSocket.TEXT_ONLY);
    }

    void closed(Session session) {
        Object game = properties(session).get(GAME);
        if (game != null) {
            Set<Session> set = byGame.get(game.toString());
            if (set != null) {
                set.remove(session);
            }
            if (PLAYER.equals(role(session))) {
                presence.disconnected(game.toString(), idOf(session));
            }
        }
    }

    /**
     * One whole message (at most {@value ClientMessages#MAX_MESSAGE_BYTES} bytes, assembled by {@link GameSocket}):
     * read strictly, then checked in this order: hello first, who may send it, its fields; only then acted on.
     */
    void received(Session session, String gameId, String text) {
        if (!withinRate(session)) {
            return;
        }
        ClientMessages.Reading reading = ClientMessages.read(text);
        if (reading instanceof ClientMessages.Refused bad && bad.type() == null) {
            error(session, bad.code(), bad.field(), bad.message());
            return;
        }
        ClientMessage.MessageType type = reading instanceof ClientMessages.Read read ? read.message().type()
                : ((ClientMessages.Refused) reading).type();
        Object role = role(session);
        if (role == null && type != ClientMessage.MessageType.HELLO) {
            error(session, "hello-first", "Say hello first: {\"type\":\"hello\",\"role\":\"player\"|\"host\",\"token\":\"...\"}.");
            return;
        }
        if (role != null && type == ClientMessage.MessageType.HELLO) {
            error(session, "already-identified", "This connection is already identified.");
            return;
        }
        if (type.hostCommand() && !HOST.equals(role)) {
            error(session, "host-only", "Only the game's host can " + type.wireName() + ".");
            return;
        }
        if (type == ClientMessage.MessageType.ANSWER && !PLAYER.equals(role)) {
            error(session, "players-only", "Only players answer; the host's screen shows the question.");
            return;
        }
        if (reading instanceof ClientMessages.Refused bad) {
            if (type == ClientMessage.MessageType.ANSWER) {
                answerRefused(session, bad.questionIndex(), bad.code(), bad.field(), bad.message());
            } else {
                error(session, bad.code(), bad.field(), bad.message());
            }
            return;
        }
        ClientMessage message = ((ClientMessages.Read) reading).message();
        if (message instanceof ClientMessage.Hello hello) {
            hello(session, gameId, hello);
        } else if (message instanceof ClientMessage.Answer answer) {
            answer(session, gameId, answer);
        } else if (message instanceof ClientMessage.Kick kick) {
            hostCommand(session, gameId, type, kick.playerId());
        } else if (type.hostCommand()) {
            hostCommand(session, gameId, type, null);
        } else {
            send(session, Json.createObjectBuilder().add("type", "pong").add("serverTime", Instant.now().toString()).build().toString());
        }
    }

    private void hello(Session session, String gameId, ClientMessage.Hello message) {
        String token = message.token();
        Game game;
        try {
            // The state this instance already holds (kept fresh by the fan-out): thousands of phones saying hello
            // at once must not each replay the game from the database.
            game = currentGame(gameId);
        } catch (IllegalArgumentException | ProblemException e) {
            close(session, CloseReason.CloseCodes.VIOLATED_POLICY, "unknown game");
            return;
        }
        if (message.role() == ClientMessage.Role.PLAYER) {
            Optional<PlayerTokens.PlayerClaims> claims = playerTokens.verify(token);
            if (claims.isEmpty()) {
                error(session, "invalid-token", "This player token is not valid (expired or not ours). Join again with the PIN.");
                return;
            }
            if (!claims.get().gameId().equals(gameId)) {
                error(session, "wrong-game", "This player token belongs to another game. Connect to that game, or join this one with its PIN.");
                return;
            }
            Optional<Game.Player> player = game.player(claims.get().playerId());
            if (player.isEmpty()) {
                // Joined a moment ago, before the fan-out brought the join here: ask the event store.
                game = games.load(UUID.fromString(gameId));
                player = game.player(claims.get().playerId());
            }
            if (player.isEmpty() || player.get().kicked()) {
                send(session, Json.createObjectBuilder().add("type", "kicked").add("message", "The host removed you from this game.").build().toString());
                close(session, CloseReason.CloseCodes.VIOLATED_POLICY, "kicked");
                return;
            }
            register(session, gameId, PLAYER, player.get().id());
            presence.connected(gameId, player.get().id());
        } else {
            Optional<AccessTokenVerifier.Host> host = hostTokens.verify(token);
            if (host.isEmpty()) {
                error(session, "invalid-token", "This access token is not valid (expired, logged out or not ours). Log in again.");
                return;
            }
            if (!host.get().admin() && !host.get().userId().equals(game.hostId())) {
                error(session, "not-your-game", "Only the host of this game can connect as its host.");
                return;
            }
            register(session, gameId, HOST, host.get().userId());
            session.getUserProperties().put("admin", host.get().admin());
        }
        Game seen = game;
        watch.watch(seen);
        latest.merge(gameId, seen, (old, loaded) -> loaded.version() >= old.version() ? loaded : old);
        if (game.phase() == GamePhase.ENDED) {
            // Someone back on an ended game's podium: what this brought back is let go of again later.
            forgetEndedLater(gameId);
        }
        sendState(session, game, stateFor(session, game, "welcome"));
    }

    private void answer(Session session, String gameId, ClientMessage.Answer message) {
        int index = message.questionIndex();
        String playerId = idOf(session);
        try {
            Game game = currentGame(gameId);
            intake.receive(game, playerId, index, message.optionIds(), message.text()).whenCompleteAsync((receipt, error) -> {
                if (error == null) {
                    send(session, Json.createObjectBuilder()
                            .add("type", "answer-received")
                            .add("answerId", receipt.answerId())
                            .add("questionIndex", receipt.questionIndex())
                            .add("receivedAt", receipt.receivedAt().toString())
                            .add("responseMs", receipt.responseMs())
                            .add("message", "Answer received.")
                            .build().toString());
                } else {
                    // One line an operator can act on (NotSaved says which answer, why and what to check).
                    LOG.warning(error instanceof AnswerIntake.NotSaved ? error.getMessage()
                            : "answer of player " + playerId + " to game " + gameId + " not saved: " + error);
                    error(session, "answer-not-saved", "Your answer could not be saved; send it again.");
                }
            }, scheduler);
        } catch (AnswerIntake.Refused e) {
            answerRefused(session, index, e.code(), e.getMessage());
        }
    }

    private Game currentGame(String gameId) {
        Game game = latest.get(gameId);
        return game != null ? game : latest.computeIfAbsent(gameId, id -> games.load(UUID.fromString(id)));
    }

    private void answerRefused(Session session, int questionIndex, String reason, String message) {
        answerRefused(session, questionIndex, reason, null, message);
    }

    private void answerRefused(Session session, int questionIndex, String reason, String field, String message) {
        JsonObjectBuilder refused = Json.createObjectBuilder().add("type", "answer-refused").add("questionIndex", questionIndex)
                .add("reason", reason);
        if (field != null) {
            refused.add("field", field);
        }
        send(session, refused.add("message", message).build().toString());
    }

    /** answer-app's decisions: refusals to their players, a live count to the host, results once tallied. */
    void onAnswersDecided(@Observes AnswersDecided decided) {
        Set<Session> sessions = byGame.getOrDefault(decided.gameId(), Set.of());
        for (AnswerRejected refusal : decided.rejected()) {
            for (Session session : sessions) {
                if (PLAYER.equals(role(session)) && refusal.playerId().equals(idOf(session))) {
                    answerRefused(session, refusal.questionIndex(), refusal.reason(), refusal.message());
                }
            }
        }
        if (!decided.accepted().isEmpty()) {
            // Each player hears of their own answer only: one message per answer, never to the room.
            Map<String, AnswerSubmitted> acceptedByPlayer = new HashMap<>();
            decided.accepted().forEach(a -> acceptedByPlayer.put(a.playerId(), a));
            for (Session session : sessions) {
                AnswerSubmitted mine = PLAYER.equals(role(session))
                        ? acceptedByPlayer.get(idOf(session)) : null;
                if (mine != null) {
                    send(session, Json.createObjectBuilder().add("type", "answer-accepted")
                            .add("answerId", mine.answerId()).add("questionIndex", mine.questionIndex())
                            .add("message", "Answer locked in.").build().toString());
                }
            }
            pushAnswerCountSoon(decided.gameId());
            closeIfEveryoneAnswered(decided.gameId());
        }
        for (QuestionTallied tally : decided.tallies()) {
            Game game = latest.get(decided.gameId());
            if (game == null) {
                continue;
            }
            // Built once; each player's own answer is spliced in. The host's big screen goes first.
            String common = resultsJson(game, tally);
            String open = common.substring(0, common.length() - 1) + ",\"yourAnswer\":";
            sessions.stream().filter(x -> HOST.equals(role(x))).forEach(x -> send(x, common));
            for (Session session : sessions) {
                if (PLAYER.equals(role(session))) {
                    send(session, open + yourAnswer(game.id(), tally.questionIndex(), idOf(session), true) + "}");
                }
            }
        }
    }

    private void pushAnswerCountSoon(String gameId) {
        if (countPushScheduled.add(gameId)) {
            scheduler.schedule(() -> {
                countPushScheduled.remove(gameId);
                Game game = latest.get(gameId);
                if (game == null || game.phase() != GamePhase.OPEN) {
                    return;
                }
                String count = Json.createObjectBuilder().add("type", "answer-count")
                        .add("questionIndex", game.questionIndex())
                        .add("answered", answers.count(gameId, game.questionIndex()))
                        .add("playerCount", game.activePlayerCount())
                        .build().toString();
                for (Session session : byGame.getOrDefault(gameId, Set.of())) {
                    if (HOST.equals(role(session))) {
                        send(session, count);
                    }
                }
            }, ANSWER_COUNT_INTERVAL_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Closes the open question once every player connected to the game, on any instance, has answered it. */
    private void closeIfEveryoneAnswered(String gameId) {
        Game game = latest.get(gameId);
        if (game == null || game.phase() != GamePhase.OPEN) {
            return;
        }
        int index = game.questionIndex();
        long onlineCount = presence.onlineCount(gameId);
        if (onlineCount < 0 || answers.count(gameId, index) < onlineCount) {
            // Cheap test first: fewer answers than connected players cannot be everyone.
            return;
        }
        Optional<Set<String>> online = presence.online(gameId);
        if (online.isEmpty()) {
            return;
        }
        Set<String> connected = new java.util.HashSet<>();
        online.get().stream().filter(id -> game.player(id).map(p -> !p.kicked()).orElse(false)).forEach(connected::add);
        // Accepted answers only: an answer merely received may still be behind the close in the game's partition.
        boolean everyone = answers.allAccepted(gameId, index, connected);
        if (everyone) {
            try {
                games.closeBecauseAllAnswered(UUID.fromString(gameId), index);
            } catch (ProblemException e) {
                LOG.fine(() -> "early close of " + gameId + " not done: " + e.getMessage());
            }
        }
    }

    /** The results of a closed question as everyone may see them (players also get their own answer). */
    private String resultsJson(Game game, QuestionTallied tally) {
        JsonArrayBuilder distribution = Json.createArrayBuilder();
        tally.distribution().forEach(c -> distribution.add(Json.createObjectBuilder().add("optionId", c.optionId()).add("count", c.count())));
        JsonArrayBuilder texts = Json.createArrayBuilder();
        if (tally.textAnswers() != null) {
            tally.textAnswers().forEach(c -> texts.add(Json.createObjectBuilder().add("text", c.text()).add("count", c.count())));
        }
        JsonObjectBuilder results = Json.createObjectBuilder()
                .add("type", "results")
                .add("questionIndex", tally.questionIndex())
                .add("answered", tally.answered())
                .add("correctCount", tally.correct())
                .add("distribution", distribution)
                .add("textAnswers", texts);
        QuizDetail.QuestionView question = questionAt(game, tally.questionIndex());
        if (question != null) {
            results.add("correct", correctJson(question));
        }
        return results.build().toString();
    }

    /** The player's own answer; whether it was right only once the question has closed. */
    private JsonValue yourAnswer(String gameId, int index, String playerId, boolean closed) {
        Optional<LiveAnswers.Choice> choice = answers.choice(gameId, index, playerId);
        if (choice.isEmpty()) {
            return JsonValue.NULL;
        }
        JsonArrayBuilder ids = Json.createArrayBuilder();
        choice.get().optionIds().forEach(ids::add);
        JsonObjectBuilder json = Json.createObjectBuilder().add("optionIds", ids);
        if (choice.get().text() != null) {
            json.add("text", choice.get().text());
        }
        if (closed && choice.get().correct() != null) {
            json.add("correct", choice.get().correct());
        }
        return json.build();
    }

    private void register(Session session, String gameId, String role, String id) {
        session.getUserProperties().put(ROLE, role);
        session.getUserProperties().put(GAME, gameId);
        session.getUserProperties().put("id", id);
        byGame.computeIfAbsent(gameId, g -> ConcurrentHashMap.newKeySet()).add(session);
    }

    private void hostCommand(Session session, String gameId, ClientMessage.MessageType type, String playerId) {
        Actor actor = new Actor(idOf(session),
                Boolean.TRUE.equals(session.getUserProperties().get("admin")));
        Instant now = Instant.now();
        try {
            games.hostCommand(actor, UUID.fromString(gameId), game -> {
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
        } catch (ProblemException e) {
            error(session, "refused", e.getMessage());
        }
    }

    /**
     * Pushes the new state of a game to its connections on this instance. A change of phase or question goes to
     * everyone at once; a change of the roster only (joins, kicks) goes to the host, at most twice a second, so a
     * lobby filling up with thousands of players does not cost thousands of messages per join.
     */
    void onGameChanged(@Observes GameChanged change) {
        Game game = change.game();
        // The fan-out, the clock and the watch may all bring the same change, on different threads: each version
        // is pushed once, never an older one after a newer.
        synchronized (pushLock(game.id())) {
            Long pushed = pushedVersion.get(game.id());
            if (pushed != null && pushed >= game.version()) {
                return;
            }
            pushedVersion.put(game.id(), game.version());
            push(game);
        }
    }

    private Object pushLock(String gameId) {
        return pushLocks.computeIfAbsent(gameId, id -> new Object());
    }

    private void push(Game game) {
        latest.computeIfPresent(game.id(), (id, old) -> game.version() >= old.version() ? game : old);
        if (game.phase() == GamePhase.ENDED) {
            answers.forget(game.id());
            openings.forget(game.id());
            shown.forget(game.id());
            forgetEndedLater(game.id());
        }
        Set<Session> sessions = byGame.get(game.id());
        if (sessions == null || sessions.isEmpty()) {
            return;
        }
        String stage = game.phase() + ":" + game.questionIndex();
        boolean rosterOnly = stage.equals(lastStage.put(game.id(), stage));
        // One text for every player: thousands of connections get the same string, built once.
        String forPlayers = rosterOnly ? null : stateJson(game, "state", false, null);
        for (Session session : sessions) {
            if (!session.isOpen()) {
                sessions.remove(session);
                continue;
            }
            if (PLAYER.equals(role(session))) {
                Optional<Game.Player> player = game.player(idOf(session));
                if (player.isEmpty()) {
                    // A version from before this player joined (their welcome came from a newer one): not a kick.
                    continue;
                }
                if (player.get().kicked()) {
                    send(session, Json.createObjectBuilder().add("type", "kicked").add("message", "The host removed you from this game.").build().toString());
                    close(session, CloseReason.CloseCodes.VIOLATED_POLICY, "kicked");
                    sessions.remove(session);
                    continue;
                }
            }
            if (!rosterOnly) {
                sendState(session, game, HOST.equals(role(session)) ? stateFor(session, game, "state") : forPlayers);
            }
        }
        if (rosterOnly) {
            pushHostStateSoon(game.id());
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
                byGame.remove(gameId);
                latest.remove(gameId);
                lastStage.remove(gameId);
                leaderboardPushed.remove(gameId);
                podiumPushed.remove(gameId);
                pushedVersion.remove(gameId);
                pushLocks.remove(gameId);
            }, LiveScores.KEEP_AFTER_END.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * scoring-app's scores (already in {@link LiveScores}): to each player here their own line, never anyone
     * else's; to the host the top of the board once per question; the podium to everyone once the game is final.
     */
    void onScoresPublished(@Observes ScoresPublished published) {
        String gameId = published.gameId();
        Set<Session> sessions = byGame.get(gameId);
        if (sessions == null || sessions.isEmpty()) {
            return;
        }
        // The connections by player, once per poll: a part's 500 lines are then 500 look-ups, not 500 scans.
        List<Session> hosts = new ArrayList<>();
        Map<String, List<Session>> players = new HashMap<>();
        for (Session session : sessions) {
            if (!session.isOpen()) {
                continue;
            }
            Object role = role(session);
            if (HOST.equals(role)) {
                hosts.add(session);
            } else if (PLAYER.equals(role)) {
                players.computeIfAbsent(idOf(session), id -> new ArrayList<>(1)).add(session);
            }
        }
        for (QuestionScored part : published.parts()) {
            boolean newestBoard = scores.leaderboard(gameId).map(b -> b.questionIndex() <= part.questionIndex()).orElse(true);
            if (!hosts.isEmpty() && newestBoard && firstLeaderboard(gameId, part.questionIndex())) {
                String board = leaderboardJson(part);
                hosts.forEach(h -> send(h, board));
            }
            if (players.isEmpty() || part.lines() == null) {
                continue;
            }
            for (QuestionScored.Line line : part.lines()) {
                List<Session> mine = players.get(line.playerId());
                if (mine == null) {
                    continue;
                }
                // The newest line known wins: a part of an earlier question arriving late is not shown.
                Optional<LiveScores.PlayerScore> latestLine = scores.score(gameId, line.playerId());
                if (latestLine.isPresent() && latestLine.get().questionIndex() > part.questionIndex()) {
                    continue;
                }
                String text = PlayerScoreJson.score(LiveScores.PlayerScore.of(part.questionIndex(), part.players(), line));
                mine.forEach(s -> send(s, text));
            }
        }
        GameFinalized finalized = published.finalized();
        if (finalized != null) {
            if (podiumPushed.add(gameId)) {
                // Built once; each player's own rank and total are spliced in.
                String common = podiumJson(finalized);
                String open = common.substring(0, common.length() - 1) + ",\"you\":";
                hosts.forEach(h -> send(h, common));
                players.forEach((playerId, mine) -> {
                    Optional<LiveScores.PlayerScore> score = scores.score(gameId, playerId);
                    String text = score.isPresent() ? open + PlayerScoreJson.you(score.get()) + "}" : common;
                    mine.forEach(s -> send(s, text));
                });
            }
        } else if (published.failed() != null && scores.podium(gameId).isEmpty()) {
            String unavailable = Json.createObjectBuilder().add("type", "podium-unavailable")
                    .add("message", "The final scores could not be completed; an operator can retry it.").build().toString();
            hosts.forEach(h -> send(h, unavailable));
        }
    }

    private boolean firstLeaderboard(String gameId, int questionIndex) {
        boolean[] first = {false};
        leaderboardPushed.compute(gameId, (id, last) -> {
            first[0] = last == null || last < questionIndex;
            return first[0] ? questionIndex : last;
        });
        return first[0];
    }

    private static String leaderboardJson(QuestionScored part) {
        return Json.createObjectBuilder()
                .add("type", "leaderboard")
                .add("questionIndex", part.questionIndex())
                .add("players", part.players())
                .add("leaders", standingsJson(part.leaders()))
                .build().toString();
    }

    private static String podiumJson(GameFinalized finalized) {
        return Json.createObjectBuilder()
                .add("type", "podium")
                .add("players", finalized.players())
                .add("podium", standingsJson(finalized.podium()))
                .build().toString();
    }

    private static JsonArrayBuilder standingsJson(List<Standing> standings) {
        JsonArrayBuilder json = Json.createArrayBuilder();
        if (standings != null) {
            standings.forEach(s -> json.add(Json.createObjectBuilder()
                    .add("rank", s.rank())
                    .add("playerId", s.playerId())
                    .add("nickname", s.nickname())
                    .add("total", s.total())
                    .add("correctAnswers", s.correctAnswers())));
        }
        return json;
    }

    private void pushHostStateSoon(String gameId) {
        if (hostPushScheduled.add(gameId)) {
            scheduler.schedule(() -> {
                hostPushScheduled.remove(gameId);
                Game game = latest.get(gameId);
                if (game == null) {
                    return;
                }
                for (Session session : byGame.getOrDefault(gameId, Set.of())) {
                    if (HOST.equals(role(session))) {
                        send(session, stateFor(session, game, "state"));
                    }
                }
            }, ROSTER_PUSH_INTERVAL_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** The game as this connection may see it right now. */
    String stateFor(Session session, Game game, String type) {
        boolean host = HOST.equals(role(session));
        return stateJson(game, type, host, host ? null : idOf(session));
    }

    /**
     * The game's state for the host, or for players: for one player (with {@code you} and their answer, as in
     * {@code welcome}) or for all of them ({@code playerId} null, as in the {@code state} broadcasts).
     */
    private String stateJson(Game game, String type, boolean host, String playerId) {
        Instant now = Instant.now();
        JsonObjectBuilder state = Json.createObjectBuilder()
                .add("type", type)
                .add("gameId", game.id())
                .add("phase", game.phase().name().toLowerCase())
                .add("questionIndex", game.questionIndex())
                .add("questionCount", game.questionCount())
                .add("playerCount", game.activePlayerCount())
                .add("serverTime", now.toString());
        if (game.phase() == GamePhase.OPEN) {
            state.add("closesAt", game.closesAt().toString()).add("secondsLeft", game.secondsLeft(now));
        }
        if (game.phase() == GamePhase.PREVIEW) {
            state.add("opensAt", game.opensAt().toString());
        }
        QuizDetail.QuestionView question = currentQuestion(game);
        if (question != null) {
            state.add("question", questionJson(question, game.questionIndex(), game.phase()));
            if (game.phase() == GamePhase.CLOSED) {
                state.add("correct", correctJson(question));
                game.closeReason().ifPresent(r -> state.add("closeReason", r.name().toLowerCase().replace('_', '-')));
            }
        }
        boolean running = game.phase() == GamePhase.OPEN || game.phase() == GamePhase.CLOSED;
        // Scores only in welcome: whoever (re)connects learns where they stand; the rest came as score messages.
        boolean welcome = "welcome".equals(type);
        Optional<LiveScores.Podium> podium = welcome ? scores.podium(game.id()) : Optional.empty();
        if (host) {
            JsonArrayBuilder players = Json.createArrayBuilder();
            game.players().stream().filter(p -> !p.kicked())
                    .forEach(p -> players.add(Json.createObjectBuilder().add("playerId", p.id()).add("nickname", p.nickname())));
            state.add("pin", game.pin()).add("players", players);
            if (running) {
                state.add("answered", answers.count(game.id(), game.questionIndex()));
            }
            if (welcome) {
                scores.leaderboard(game.id()).ifPresent(b -> state.add("leaderboard", Json.createObjectBuilder()
                        .add("questionIndex", b.questionIndex())
                        .add("players", b.players())
                        .add("leaders", standingsJson(b.leaders()))));
            }
        } else if (playerId != null) {
            Optional<LiveScores.PlayerScore> score = welcome ? scores.score(game.id(), playerId) : Optional.empty();
            game.player(playerId).ifPresent(p -> {
                JsonObjectBuilder you = Json.createObjectBuilder().add("playerId", p.id()).add("nickname", p.nickname());
                if (podium.isPresent() && score.isPresent()) {
                    you.add("rank", score.get().rank()).add("total", score.get().total());
                }
                state.add("you", you);
            });
            if (running) {
                JsonValue mine = yourAnswer(game.id(), game.questionIndex(), playerId, game.phase() == GamePhase.CLOSED);
                state.add("answered", mine != JsonValue.NULL).add("yourAnswer", mine);
            }
            score.ifPresent(s -> state.add("score", Json.createObjectBuilder()
                    .add("questionIndex", s.questionIndex())
                    .add("total", s.total())
                    .add("rank", s.rank())
                    .add("players", s.players())));
        }
        podium.ifPresent(p -> state.add("podium", standingsJson(p.podium())));
        return state.build().toString();
    }

    private QuizDetail.QuestionView currentQuestion(Game game) {
        if (game.questionIndex() < 0 || game.phase() == GamePhase.LOBBY || game.phase() == GamePhase.ENDED) {
            return null;
        }
        return questionAt(game, game.questionIndex());
    }

    /** The game's own copy of the question; games created before copies were kept fall back to the quiz. */
    private QuizDetail.QuestionView questionAt(Game game, int index) {
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

    /** Preview: text only. Open: the options too. The correct flags never go out here. */
    private static JsonObjectBuilder questionJson(QuizDetail.QuestionView q, int index, GamePhase phase) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("index", index)
                .add("type", q.type())
                .add("text", q.text())
                .add("timeLimitSeconds", q.timeLimitSeconds())
                .add("points", q.points());
        if (q.imageUrl() != null) {
            json.add("imageUrl", q.imageUrl());
        }
        if (phase != GamePhase.PREVIEW) {
            JsonArrayBuilder options = Json.createArrayBuilder();
            q.options().forEach(o -> options.add(Json.createObjectBuilder().add("id", o.id()).add("text", o.text())));
            json.add("options", options);
        }
        return json;
    }

    private static JsonObjectBuilder correctJson(QuizDetail.QuestionView q) {
        JsonArrayBuilder ids = Json.createArrayBuilder();
        q.options().stream().filter(QuizDetail.OptionView::correct).forEach(o -> ids.add(o.id()));
        JsonArrayBuilder accepted = Json.createArrayBuilder();
        q.acceptedAnswers().forEach(accepted::add);
        return Json.createObjectBuilder().add("optionIds", ids).add("acceptedAnswers", accepted);
    }

    /** At most {@value #MAX_MESSAGES_PER_SECOND} messages a second; five times that closes the connection. */
    private boolean withinRate(Session session) {
        long second = System.currentTimeMillis() / 1000;
        long[] window = (long[]) session.getUserProperties().computeIfAbsent(RATE, k -> new long[]{second, 0});
        synchronized (window) {
            if (window[0] != second) {
                window[0] = second;
                window[1] = 0;
            }
            window[1]++;
            if (window[1] > MAX_MESSAGES_PER_SECOND * 5L) {
                close(session, CloseReason.CloseCodes.VIOLATED_POLICY, "too many messages");
                return false;
            }
            if (window[1] > MAX_MESSAGES_PER_SECOND) {
                error(session, "slow-down", "At most " + MAX_MESSAGES_PER_SECOND + " messages a second.");
                return false;
            }
            return true;
        }
    }

    private void error(Session session, String code, String message) {
        error(session, code, null, message);
    }

    /** An {@code error} reply; {@code field} names the member at fault, when one is. */
    private void error(Session session, String code, String field, String message) {
        JsonObjectBuilder error = Json.createObjectBuilder().add("type", "error").add("code", code);
        if (field != null) {
            error.add("field", field);
        }
        send(session, error.add("message", message).build().toString());
    }

    private void send(Session session, String json) {
        if (properties(session) != EMPTY) {
            outbound(session).send(json);
        }
    }

    /** A state or welcome; a player's open question is stamped once written ({@code shownAt}, fair timing). */
    private void sendState(Session session, Game game, String json) {
        if (game.phase() != GamePhase.OPEN || !PLAYER.equals(role(session))) {
            send(session, json);
            return;
        }
        String gameId = game.id();
        int index = game.questionIndex();
        String playerId = idOf(session);
        outbound(session).send(json, () -> shown.shown(gameId, index, playerId, Instant.now()));
    }

    private void close(Session session, CloseReason.CloseCode code, String reason) {
        if (properties(session) != EMPTY) {
            outbound(session).close(code, reason);
        }
    }

    private static final Map<String, Object> EMPTY = Map.of();

    /** A session's properties; none once the container let go of it (a server stopping), never null. */
    private static Map<String, Object> properties(Session session) {
        Map<String, Object> properties = session.getUserProperties();
        return properties != null ? properties : EMPTY;
    }

    /** {@code player}, {@code host}, or null before hello (or once the session is gone). */
    private static Object role(Session session) {
        return properties(session).get(ROLE);
    }

    /** The player's or host's id, or null. */
    private static String idOf(Session session) {
        return (String) properties(session).get("id");
    }

    private Outbound outbound(Session session) {
        return (Outbound) session.getUserProperties().computeIfAbsent(OUTBOUND, k -> new Outbound(session, writers));
    }
}
