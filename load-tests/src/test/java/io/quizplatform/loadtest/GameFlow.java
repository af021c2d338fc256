package io.quizplatform.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.http.action.ws.WsInboundMessage;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.WsFrameCheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The live game as a classroom plays it, for {@code games} games of {@code players} players at once: a host publishes
 * a quiz of 5 single-choice questions of 8 s with 4 options and opens a game (REST); the players join on the join
 * socket and play on it ({@code -Djoin=rest}: join over REST, connect the game socket and say hello); the host (its
 * own socket) starts once every player of its game is in, and sends `next` after each question's results; every player waits for each question to open, answers within a random 0-3 s,
 * and waits for "received", "locked in", the results and their own score line, and at the end the podium.
 *
 * <p>Gatling times each request and each awaited socket message (named checks, from the message sent before them).
 * What spans several connections (the host's command and every phone's copy of the question, per game) is computed
 * from the arrivals each virtual user records ({@link GameRun}); each game's host then checks these figures against
 * the targets as named checks on its socket ("target: ..."), so a missed target is a failed request in the report
 * and fails the run's assertions, and {@link #summary} prints them after the run.
 */
final class GameFlow {

    static final int QUESTIONS = 5;
    static final int TIME_LIMIT_SECONDS = 8;
    static final String PING = "{\"type\":\"ping\"}";
    /** {@code -Djoin=socket} (the default: the web client's way) or {@code -Djoin=rest} (REST join, then hello). */
    static final boolean JOIN_OVER_SOCKET = switch (System.getProperty("join", "socket")) {
        case "socket" -> true;
        case "rest" -> false;
        default -> throw new IllegalArgumentException("-Djoin is socket or rest");
    };
    /** The request a join is timed by: from the join sent to the welcome, or the REST join alone. */
    static final String JOIN = JOIN_OVER_SOCKET ? "player join → welcome" : "join a game";

    final int games;
    final int players;
    final double answerWithinSeconds = Load.doubleProperty("answerWithinSeconds", 3);
    final Duration lobbyTimeout;
    final long ackP95Target;
    final long fanOutP99Target;
    final long scoreP95Target = Load.intProperty("target.scoreP95Ms", 1000);
    final long timerLatenessTarget = Load.intProperty("target.timerMs", 100);
    final List<GameRun> runs = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextHost = new AtomicInteger();
    private final AtomicInteger nextPlayer = new AtomicInteger();

    GameFlow(int games, int players, Duration joinPhase, long ackP95Target, long fanOutP99Target) {
        this.games = games;
        this.players = players;
        this.lobbyTimeout = joinPhase.plusSeconds(Load.intProperty("lobbyGraceSeconds", 120));
        this.ackP95Target = Load.intProperty("target.ackP95Ms", (int) ackP95Target);
        this.fanOutP99Target = Load.intProperty("target.fanOutP99Ms", (int) fanOutP99Target);
    }

    // ---------------------------------------------------------------- setup: hosts, quizzes, games (REST)

    ScenarioBuilder setup() {
        return scenario("host publishes a quiz and opens a game")
                .exec(s -> s.set("clientAddress", Load.nextAddress())
                        .set("email", "gatling-" + UUID.randomUUID().toString().substring(0, 13) + "@example.com"))
                .exec(http("register").post("/user/api/users")
                        .body(StringBody("{\"email\":\"#{email}\",\"displayName\":\"Gatling Host\",\"password\":\"" + Load.PASSWORD + "\"}"))
                        .check(status().is(201)))
                .exec(http("log in").post("/user/api/sessions")
                        .body(StringBody("{\"email\":\"#{email}\",\"password\":\"" + Load.PASSWORD + "\"}"))
                        .check(status().is(200), jsonPath("$.accessToken").saveAs("token")))
                .exec(http("create a quiz").post("/quiz/api/quizzes")
                        .header("Authorization", "Bearer #{token}")
                        .body(StringBody("{\"title\":\"Gatling classroom\",\"description\":\"load test\"}"))
                        .check(status().is(201), jsonPath("$.id").saveAs("quizId"), header("ETag").saveAs("etag")))
                .repeat(QUESTIONS, "i").on(
                        exec(http("add a question").post("/quiz/api/quizzes/#{quizId}/questions")
                                .header("Authorization", "Bearer #{token}")
                                .header("If-Match", "#{etag}")
                                .body(StringBody(s -> question(s.getInt("i"))))
                                .check(status().in(200, 201), header("ETag").saveAs("etag"))))
                .exec(http("publish the quiz").post("/quiz/api/quizzes/#{quizId}/publish")
                        .header("Authorization", "Bearer #{token}")
                        .header("If-Match", "#{etag}")
                        .check(status().in(200, 201)))
                .exec(http("open a game").post("/quiz/api/games")
                        .header("Authorization", "Bearer #{token}")
                        .body(StringBody("{\"quizId\":\"#{quizId}\"}"))
                        .check(status().is(201), jsonPath("$.id").saveAs("gameId"), jsonPath("$.pin").saveAs("pin")))
                .exec(s -> {
                    if (!s.isFailed()) {
                        runs.add(new GameRun(runs.size(), s.getString("gameId"), s.getString("pin"), s.getString("token"), players, QUESTIONS));
                    }
                    return s;
                });
    }

    static String question(int i) {
        int a = 3 + i;
        return "{\"type\":\"single-choice\",\"text\":\"" + a + " + " + a + " = ?\",\"timeLimitSeconds\":" + TIME_LIMIT_SECONDS
                + ",\"points\":1000,\"options\":[{\"text\":\"" + (2 * a) + "\",\"correct\":true},{\"text\":\"" + (2 * a + 1)
                + "\",\"correct\":false},{\"text\":\"" + (2 * a - 1) + "\",\"correct\":false},{\"text\":\"" + (a * a)
                + "\",\"correct\":false}]}";
    }

    // ---------------------------------------------------------------- players

    ScenarioBuilder players() {
        Duration firstQuestion = lobbyTimeout.plusSeconds(30);
        return scenario("player")
                .exec(s -> {
                    int n = nextPlayer.getAndIncrement();
                    GameRun run = runs.get(n % runs.size());
                    return s.set("clientAddress", Load.nextAddress()).set("run", run).set("arrivals", new GameRun.Arrivals())
                            .set("pin", run.pin).set("gameId", run.gameId).set("nickname", "P" + run.nextPlayer.getAndIncrement());
                })
                .exec(JOIN_OVER_SOCKET ? joinOverTheSocket() : joinOverRestThenHello())
                .exec(s -> {
                    if (!s.isFailed()) {
                        run(s).welcomed.incrementAndGet();
                        run(s).phones.add(arrivals(s));
                    }
                    run(s).arrived.incrementAndGet();
                    return s;
                })
                // A phone that was not welcomed has no game to play (the summary counts it): without this it would wait
                // for every message on a socket that may be gone, sending a ping per loop with nothing to slow it down.
                .exitHereIfFailed()
                .repeat(QUESTIONS, "q").on(
                        awaitMessage("open", s -> s.getInt("q") == 0 ? firstQuestion : Duration.ofSeconds(60)),
                        // answer within a random 0..answerWithinSeconds of the question opening at this phone (unless this
                        // phone never saw it open: then it has nothing to answer, and the host's target counts the miss)
                        doIf(s -> arrivals(s).seen("open", s.getInt("q")) && !arrivals(s).seen("closed", s.getInt("q"))).then(
                            pause(s -> Duration.ofMillis(Math.max(0, ThreadLocalRandom.current().nextLong((long) (answerWithinSeconds * 1000) + 1)
                                    - (System.currentTimeMillis() - Math.max(0, arrivals(s).at("open", s.getInt("q"))))))),
                            drain(),
                            exec(s -> s.set("answerSentAt", System.currentTimeMillis())),
                            exec(ws("answer").sendText(GameFlow::answer).await(20).on(
                                    // the protocol promises "received" first, then "locked in" (or a refusal): each check takes
                                    // the next answer reply of this question, so a reply out of order fails both at once
                                    // instead of leaving the second waiting for a message Gatling already dropped
                                    ws.checkTextMessage("answer → received")
                                            .matching(answerReply())
                                            .check(reply(true), jsonPath("$.type").is("answer-received")),
                                    ws.checkTextMessage("answer → locked in")
                                            .matching(answerReply())
                                            .check(reply(false), jsonPath("$.type").is("answer-accepted")))
                                    // then the question's next four messages (closed, results, own score line, the next
                                    // preview or the end, in whatever order they come) on the same send: a phone waits
                                    // without sending, as a real one does, instead of a ping per awaited message
                                    .await(30).on(nextOfGame())
                                    .await(30).on(nextOfGame())
                                    .await(30).on(nextOfGame())
                                    .await(60).on(nextOfGame()))),
                        awaitMessage("results", s -> Duration.ofSeconds(30)),
                        awaitMessage("score", s -> Duration.ofSeconds(30)))
                .exec(awaitMessage("podium", s -> Duration.ofSeconds(60)))
                .exec(drain())
                .exec(s -> {
                    run(s).done.incrementAndGet();
                    return s;
                })
                .exec(ws("player close").close());
    }

    /**
     * The phone joins on the join socket and plays on it: one request per phone (docs/PROTOCOL.md, "Joining over the
     * socket"). A refused join is an {@code error} instead of the welcome.
     */
    private static ChainBuilder joinOverTheSocket() {
        return exec(ws("player connect").connect("/quiz/ws/join").header("X-Forwarded-For", "#{clientAddress}"))
                .exec(s -> s.set("joinSentAt", System.currentTimeMillis()))
                .exec(ws("player join").sendText("{\"type\":\"join\",\"pin\":\"#{pin}\",\"nickname\":\"#{nickname}\"}")
                        .await(30).on(ws.checkTextMessage(JOIN)
                                .matching(splitJoin(), jsonPath("$.type").in("welcome", "error"))
                                .check(jsonPath("$.type").is("welcome"), record())))
                .doIf(Session::isFailed).then(exec(s -> {
                    run(s).joinFailures.incrementAndGet();
                    return s;
                }));
    }

    /** The phone joins over REST, then connects the game's socket and says hello with its player token. */
    private static ChainBuilder joinOverRestThenHello() {
        return exec(http(JOIN).post("/quiz/api/games/players")
                        .body(StringBody("{\"pin\":\"#{pin}\",\"nickname\":\"#{nickname}\"}"))
                        .check(status().is(201), jsonPath("$.playerToken").saveAs("playerToken")))
                .doIf(Session::isFailed).then(exec(s -> {
                    run(s).joinFailures.incrementAndGet();
                    run(s).arrived.incrementAndGet();
                    return s;
                }))
                .exitHereIfFailed()
                .exec(ws("player connect").connect("/quiz/ws/games/#{gameId}"))
                .exec(ws("player hello").sendText("{\"type\":\"hello\",\"role\":\"player\",\"token\":\"#{playerToken}\"}")
                        .await(30).on(ws.checkTextMessage("player hello → welcome")
                                .matching(jsonPath("$.type").in("welcome", "error"))
                                .check(jsonPath("$.type").is("welcome"), record())));
    }

    static String answer(Session s) {
        int q = s.getInt("q");
        List<String> options = arrivals(s).options.getOrDefault(q, List.of("a"));
        String pick = options.get(ThreadLocalRandom.current().nextInt(options.size()));
        return "{\"type\":\"answer\",\"questionIndex\":" + q + ",\"optionIds\":[\"" + pick + "\"]}";
    }

    // ---------------------------------------------------------------- hosts

    ScenarioBuilder hosts() {
        return scenario("host runs the game")
                .exec(s -> {
                    GameRun run = runs.get(nextHost.getAndIncrement() % runs.size());
                    GameRun.Arrivals arrivals = new GameRun.Arrivals();
                    run.host = arrivals;
                    return s.set("clientAddress", Load.nextAddress()).set("run", run).set("arrivals", arrivals)
                            .set("gameId", run.gameId).set("token", run.hostToken).set("lobbySince", System.currentTimeMillis());
                })
                .exec(ws("host connect").connect("/quiz/ws/games/#{gameId}"))
                .exec(ws("host hello").sendText("{\"type\":\"hello\",\"role\":\"host\",\"token\":\"#{token}\"}")
                        .await(30).on(ws.checkTextMessage("host hello → welcome")
                                .matching(jsonPath("$.type").in("welcome", "error"))
                                .check(jsonPath("$.type").is("welcome"))))
                // the lobby: start once every player of this game joined and said hello (or failed trying)
                .asLongAs(s -> !run(s).allArrived() && System.currentTimeMillis() - s.getLong("lobbySince") < lobbyTimeout.toMillis())
                .on(exec(drain()).pause(Duration.ofMillis(250)))
                .pause(Duration.ofMillis(500))
                .repeat(QUESTIONS, "q").on(
                        drain(),
                        exec(s -> {
                            run(s).commandAt[s.getInt("q")] = System.currentTimeMillis();
                            return s;
                        }),
                        exec(ws("host start / next").sendText(s -> s.getInt("q") == 0 ? "{\"type\":\"start\"}" : "{\"type\":\"next\"}")
                                .await(15).on(ws.checkTextMessage("host start/next → preview at host").matching(state("preview")).check(record()))
                                .await(15).on(ws.checkTextMessage("preview → open at host (3 s timer)").matching(state("open")).check(record()))
                                .await(TIME_LIMIT_SECONDS + 15).on(ws.checkTextMessage("open → closed at host").matching(state("closed")).check(record()))
                                .await(30).on(ws.checkTextMessage("closed → results at host").matching(message("results")).check(record()))))
                .exec(drain())
                .exec(s -> {
                    run(s).endAt = System.currentTimeMillis();
                    return s;
                })
                .exec(ws("host ends the game").sendText("{\"type\":\"next\"}")
                        .await(15).on(ws.checkTextMessage("host next → ended at host").matching(jsonPath("$.phase").is("ended")).check(record()))
                        .await(60).on(ws.checkTextMessage("ended → podium at host").matching(jsonPath("$.type").is("podium")).check(record())))
                .exec(s -> s.set("endSince", System.currentTimeMillis()))
                .asLongAs(s -> run(s).done.get() < run(s).welcomed.get() && System.currentTimeMillis() - s.getLong("endSince") < 90_000)
                .on(pause(Duration.ofMillis(250)))
                .exec(drain())
                .exec(target("target: the question reached every phone (missing)", 0, GameRun::missingOpens),
                        target("target: every phone got its score line (missing)", 0, GameRun::missingScores),
                        target("target: no player kicked or closed (count)", 0, r -> r.kickedPhones() + r.joinFailures.get()),
                        target("target: answer → received p95 (ms)", ackP95Target, r -> GameRun.p(new ArrayList<>(r.acks), 0.95)),
                        target("target: question at every phone, after the first, p99 (ms)", fanOutP99Target,
                                r -> GameRun.p(r.openAfterFirstPhone(), 0.99)),
                        target("target: own score line after the close p95 (ms)", scoreP95Target, r -> GameRun.p(r.scoreAfterClose(), 0.95)),
                        target("target: time-up close at the host after closesAt, max (ms)", timerLatenessTarget,
                                r -> r.timeUpLateness().stream().mapToLong(Long::longValue).max().orElse(0)))
                .exec(ws("host close").close());
    }

    /** A figure of this game, checked against its target as a named check on the host's socket (pong as carrier). */
    private static ChainBuilder target(String name, long limit, ToLongFunction<GameRun> figure) {
        return exec(ws("ping (carries a target check)").sendText(PING).await(10).on(ws.checkTextMessage(name)
                .matching(jsonPath("$.type").is("pong"))
                .check(bodyString().transformWithSession((body, s) -> figure.applyAsLong(run(s))).lte(limit))));
    }

    // ---------------------------------------------------------------- socket helpers

    static GameRun run(Session s) {
        return s.get("run");
    }

    static GameRun.Arrivals arrivals(Session s) {
        return s.get("arrivals");
    }

    /** Records every message Gatling kept aside (no check was waiting for it) with the moment it arrived. */
    static ChainBuilder drain() {
        return exec(ws.processUnmatchedMessages((messages, s) -> {
            GameRun.Arrivals a = arrivals(s);
            for (WsInboundMessage m : messages) {
                if (m instanceof WsInboundMessage.Text t) {
                    a.record(t.message(), t.timestamp());
                }
            }
            return s;
        }));
    }

    /**
     * Splits the join's time at the server's stamp in its {@code joined}, as the acknowledgement is. A condition of the
     * welcome's wait that every message passes: Gatling does not keep the messages a waiting check passes over.
     */
    private static CheckBuilder splitJoin() {
        return bodyString().transformWithSession((body, s) -> {
            if (body.startsWith("{\"type\":\"joined\"")) {
                java.util.regex.Matcher stamp = RECEIVED_AT.matcher(body);
                if (stamp.find()) {
                    long stampedAt = java.time.Instant.parse(stamp.group(1)).toEpochMilli();
                    run(s).joinToStamp.add(stampedAt - s.getLong("joinSentAt"));
                    run(s).stampToJoined.add(System.currentTimeMillis() - stampedAt);
                }
            }
            return body;
        }).exists();
    }

    /** Records the checked message itself (it is not among the unmatched ones). */
    static CheckBuilder record() {
        return bodyString().transformWithSession((body, s) -> {
            arrivals(s).record(body, System.currentTimeMillis());
            return body;
        }).exists();
    }

    private static CheckBuilder[] answerReply() {
        return new CheckBuilder[] {jsonPath("$.type").in("answer-received", "answer-accepted", "answer-refused"),
                jsonPath("$.questionIndex").ofInt().is(s -> s.getInt("q"))};
    }

    /** The server's stamp in an answer's receipt: where the acknowledgement is split (sent → stamp → phone). */
    private static final java.util.regex.Pattern RECEIVED_AT = java.util.regex.Pattern.compile("\"receivedAt\":\"([^\"]+)\"");

    /**
     * Records how long after the answer was sent this reply came, by kind (received, accepted, refused), and counts a
     * "locked in" that came before "received" ({@code first}: the first reply to the answer). A receipt's time is also
     * split at the server's stamp.
     */
    static CheckBuilder reply(boolean first) {
        return bodyString().transformWithSession((body, s) -> {
            GameRun run = run(s);
            long now = System.currentTimeMillis();
            long sentAt = s.getLong("answerSentAt");
            long elapsed = now - sentAt;
            if (body.contains("\"answer-received\"")) {
                run.acks.add(elapsed);
                java.util.regex.Matcher stamp = RECEIVED_AT.matcher(body);
                if (stamp.find()) {
                    long stampedAt = java.time.Instant.parse(stamp.group(1)).toEpochMilli();
                    run.ackToStamp.add(stampedAt - sentAt);
                    run.stampToAck.add(now - stampedAt);
                }
            } else if (body.contains("\"answer-accepted\"")) {
                run.lockedIn.add(elapsed);
                // The last phone's "locked in" of a question is where an early close (everyone answered) can start.
                arrivals(s).record(body, now);
                if (first) {
                    run.lockedInBeforeReceived.incrementAndGet();
                }
            } else {
                run.refusals.incrementAndGet();
                java.util.regex.Matcher reason = java.util.regex.Pattern.compile("\"reason\":\"([a-z-]+)\"").matcher(body);
                run.refusalReasons.merge(reason.find() ? reason.group(1) : "?", 1, Integer::sum);
            }
            return body;
        }).exists();
    }

    private static CheckBuilder[] state(String phase) {
        return new CheckBuilder[] {jsonPath("$.type").is("state"), jsonPath("$.phase").is(phase),
                jsonPath("$.questionIndex").ofInt().is(s -> s.getInt("q"))};
    }

    private static CheckBuilder[] message(String type) {
        return new CheckBuilder[] {jsonPath("$.type").is(type), jsonPath("$.questionIndex").ofInt().is(s -> s.getInt("q"))};
    }

    /**
     * Waits until this phone has the message of this kind for the current question (`open`, `results`, `score`), or
     * the podium: at once if it (or a later one of the game) already came, kept aside by Gatling or seen before;
     * otherwise it sends a ping (Gatling waits for messages only after sending one) and takes the next message of the
     * game (anything but a pong or an answer reply) with a silent check, recording it, until this one or a later one is
     * there. After an answer the phone has mostly waited already (the answer's send takes the question's next
     * messages), so this pings about once a question (the preview's wait), as often as a real phone's keepalive (every
     * 15 s). Gatling drops a message that arrives while a check waits for another kind, so every wait takes every kind,
     * and a message lost anyway (one that came while the phone waited for its answer's replies) costs that figure
     * only: the next message of the game ends the wait. Silent: its time is a wait, not a latency; what arrived and
     * when is recorded and judged by the host's targets.
     */
    private ChainBuilder awaitMessage(String kind, Function<Session, Duration> timeout) {
        boolean perQuestion = !kind.equals("podium");
        String until = "until-" + kind;
        return exec(drain())
                .exec(s -> s.set(until, System.currentTimeMillis() + timeout.apply(s).toMillis()))
                .asLongAs(s -> arrivals(s).latestStage() < GameRun.stage(kind, perQuestion ? s.getInt("q") : -1)
                        && System.currentTimeMillis() < s.getLong(until)).on(
                        exec(ws("ping: a phone waits for " + kind).sendText(PING)
                                .await(s -> Duration.ofMillis(Math.max(1, s.getLong(until) - System.currentTimeMillis()))).on(
                                        nextOfGame()))
                                .exec(drain()));
    }

    /** Takes the next message of the game's course, whichever it is, and records it (silent: a wait, not a latency). */
    private static WsFrameCheck.Text nextOfGame() {
        return ws.checkTextMessage("phone waits for the game's next message")
                .matching(bodyString().transform(GameFlow::gameMessage).is(true))
                .check(record()).silent();
    }

    /** A message of the game's course (state, results, score, podium, kicked), not a pong or an answer's reply. */
    static boolean gameMessage(String body) {
        return !body.contains("\"type\":\"pong\"") && !body.contains("\"type\":\"answer-") && !body.contains("\"type\":\"error\"");
    }

    // ---------------------------------------------------------------- after the run

    String summary(String title) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n%s: %d game(s) of %d players, %d questions of %d s, answers within %.1f s%n",
                title, runs.size(), players, QUESTIONS, TIME_LIMIT_SECONDS, answerWithinSeconds));
        List<Long> acks = new ArrayList<>();
        List<Long> ackToStamp = new ArrayList<>();
        List<Long> stampToAck = new ArrayList<>();
        List<Long> locked = new ArrayList<>();
        List<Long> preview = new ArrayList<>();
        List<Long> afterFirst = new ArrayList<>();
        List<Long> afterStamp = new ArrayList<>();
        List<Long> scores = new ArrayList<>();
        List<Long> podiums = new ArrayList<>();
        List<Long> timers = new ArrayList<>();
        List<Long> gameAckP95 = new ArrayList<>();
        List<Long> gameFanOutP99 = new ArrayList<>();
        List<Long> earlyCloses = new ArrayList<>();
        int missingOpens = 0;
        int missingScores = 0;
        long kicked = 0;
        int joinFailures = 0;
        int welcomed = 0;
        for (GameRun r : runs) {
            acks.addAll(r.acks);
            ackToStamp.addAll(r.ackToStamp);
            stampToAck.addAll(r.stampToAck);
            locked.addAll(r.lockedIn);
            preview.addAll(r.commandToPreview());
            List<Long> af = r.openAfterFirstPhone();
            afterFirst.addAll(af);
            afterStamp.addAll(r.openAfterServerStamp());
            scores.addAll(r.scoreAfterClose());
            podiums.addAll(r.podiumAfterEnd());
            timers.addAll(r.timeUpLateness());
            earlyCloses.addAll(r.earlyCloseAfterLastLockedIn());
            gameAckP95.add(GameRun.p(new ArrayList<>(r.acks), 0.95));
            gameFanOutP99.add(GameRun.p(af, 0.99));
            missingOpens += r.missingOpens();
            missingScores += r.missingScores();
            kicked += r.kickedPhones();
            joinFailures += r.joinFailures.get();
            welcomed += r.welcomed.get();
        }
        out.append(String.format(Locale.ROOT, "players welcomed %d, joins failed %d, kicked/closed %d, question opens missing %d, score lines missing %d%n",
                welcomed, joinFailures, kicked, missingOpens, missingScores));
        out.append(String.format(Locale.ROOT, "answers refused %d, \"locked in\" before \"received\" %d%n",
                runs.stream().mapToInt(r -> r.refusals.get()).sum(), runs.stream().mapToInt(r -> r.lockedInBeforeReceived.get()).sum()));
        java.util.Map<String, Integer> reasons = new java.util.TreeMap<>();
        runs.forEach(r -> r.refusalReasons.forEach((k, v) -> reasons.merge(k, v, Integer::sum)));
        if (!reasons.isEmpty()) {
            out.append("refusal reasons ").append(reasons).append('\n');
        }
        if (JOIN_OVER_SOCKET) {
            out.append(Load.line("join sent → the server's stamp (receivedAt in joined)",
                    runs.stream().flatMap(r -> r.joinToStamp.stream()).toList())).append('\n');
            out.append(Load.line("  the server's stamp → joined at the phone",
                    runs.stream().flatMap(r -> r.stampToJoined.stream()).toList())).append('\n');
        }
        out.append(Load.line("answer → received", acks)).append('\n');
        out.append(Load.line("  of which: sent → the server's stamp (receivedAt)", ackToStamp)).append('\n');
        out.append(Load.line("  of which: the server's stamp → received at the phone", stampToAck)).append('\n');
        out.append(Load.line("answer → locked in", locked)).append('\n');
        out.append(Load.line("host start/next → preview at each phone", preview)).append('\n');
        out.append(Load.line("question open at each phone after the first phone", afterFirst)).append('\n');
        out.append(Load.line("question open: server stamp → phone", afterStamp)).append('\n');
        out.append(Load.line("question closed (first phone) → own score line", scores)).append('\n');
        out.append(Load.line("host ends the game → podium at each phone", podiums)).append('\n');
        out.append(Load.line("time-up close at host after closesAt", timers)).append('\n');
        out.append(Load.line("everyone answered: last phone's locked in → close at host", earlyCloses)).append('\n');
        if (runs.size() > 1) {
            out.append(Load.line("per game: answer → received p95", gameAckP95)).append('\n');
            out.append(Load.line("per game: question at every phone after first, p99", gameFanOutP99)).append('\n');
        }
        return out.toString();
    }

    /** Prints the summary and keeps it next to Gatling's reports (target/gatling/&lt;name&gt;-summary.txt). */
    void printSummary(String title, String fileName) {
        String text = summary(title);
        System.out.println(text);
        try {
            Path dir = Path.of(System.getProperty("gatling.resultsFolder", "target/gatling"));
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(fileName), text);
        } catch (IOException e) {
            System.out.println("summary not written: " + e.getMessage());
        }
    }
}
