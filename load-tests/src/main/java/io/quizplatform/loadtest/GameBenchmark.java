package io.quizplatform.loadtest;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One game with N players against a running system, measured end to end over real HTTP and WebSocket
 * connections: REST latency, joins, socket hellos, how long a host's "start" takes to reach every player
 * (host socket -> event store -> outbox -> Kafka -> fan-out -> player sockets), and an answer burst: every player
 * answers the moment the question opens; it measures the "locked in" acknowledgement and how long until answer-app
 * has decided every answer and the results reach the host; then how long until every player has their own score
 * line and the host the top 10, and, after the host ends the game, the podium at every player. Prints percentiles.
 */
public final class GameBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:9080";
        int players = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        scored = new CountDownLatch(players);
        podiums = new CountDownLatch(players + 1); // the host gets it too
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        double spread = args.length > 3 ? Double.parseDouble(args[3]) : 5;
        System.out.printf(Locale.ROOT, "Game benchmark against %s with %d players, %d concurrent joins%n", base, players, concurrency);

        String email = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        post(base + "/user/api/users", "{\"email\":\"" + email + "\",\"displayName\":\"Bench Host\",\"password\":\"benchmark passphrase 1\"}", null);
        String token = json(post(base + "/user/api/sessions", "{\"email\":\"" + email + "\",\"password\":\"benchmark passphrase 1\"}", null).body())
                .getString("accessToken");
        String quizId = json(post(base + "/quiz/api/quizzes", "{\"title\":\"Benchmark\"}", token).body()).getString("id");
        send("POST", base + "/quiz/api/quizzes/" + quizId + "/questions", "{\"type\":\"single-choice\",\"text\":\"2+2?\",\"timeLimitSeconds\":120,"
                + "\"points\":1000,\"options\":[{\"text\":\"4\",\"correct\":true},{\"text\":\"5\",\"correct\":false}]}", token, "\"1\"");
        send("POST", base + "/quiz/api/quizzes/" + quizId + "/publish", null, token, "\"2\"");

        List<Long> reads = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            long t = System.nanoTime();
            send("GET", base + "/quiz/api/quizzes/" + quizId, null, token, null);
            reads.add(System.nanoTime() - t);
        }
        report("REST GET /quiz/api/quizzes/{id} (300 sequential)", reads);

        JsonObject game = json(post(base + "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", token).body());
        String gameId = game.getString("id");
        String pin = game.getString("pin");

        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Long> joins = Collections.synchronizedList(new ArrayList<>());
        List<Future<String>> tokens = new ArrayList<>();
        long joinStart = System.nanoTime();
        for (int i = 0; i < players; i++) {
            String nickname = "P" + i;
            tokens.add(pool.submit(() -> {
                long t = System.nanoTime();
                HttpResponse<String> r = post(base + "/quiz/api/games/players", "{\"pin\":\"" + pin + "\",\"nickname\":\"" + nickname + "\"}", null);
                joins.add(System.nanoTime() - t);
                if (r.statusCode() != 201) {
                    throw new IllegalStateException("join failed: " + r.statusCode() + " " + r.body());
                }
                return json(r.body()).getString("playerToken");
            }));
        }
        List<String> playerTokens = new ArrayList<>();
        for (Future<String> f : tokens) {
            playerTokens.add(f.get());
        }
        double joinSeconds = (System.nanoTime() - joinStart) / 1e9;
        report(String.format(Locale.ROOT, "joins (%d concurrent, %.0f joins/s)", concurrency, players / joinSeconds), joins);

        String ws = base.replace("http://", "ws://") + "/quiz/ws/games/" + gameId;
        List<Player> sockets = Collections.synchronizedList(new ArrayList<>());
        List<Long> hellos = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch welcomed = new CountDownLatch(players);
        List<Future<?>> connects = new ArrayList<>();
        for (String playerToken : playerTokens) {
            connects.add(pool.submit(() -> {
                Player p = new Player(welcomed, hellos);
                p.socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(ws), p).get(30, TimeUnit.SECONDS);
                p.helloSent = System.nanoTime();
                p.socket.sendText("{\"type\":\"hello\",\"role\":\"player\",\"token\":\"" + playerToken + "\"}", true);
                sockets.add(p);
                return null;
            }));
        }
        for (Future<?> f : connects) {
            f.get();
        }
        pool.shutdown();
        if (!welcomed.await(120, TimeUnit.SECONDS)) {
            System.out.println("not every player was welcomed: " + welcomed.getCount() + " missing");
        }
        report("socket hello -> welcome", hellos);

        Player host = new Player(new CountDownLatch(1), new ArrayList<>());
        host.socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(ws), host).get(10, TimeUnit.SECONDS);
        host.socket.sendText("{\"type\":\"hello\",\"role\":\"host\",\"token\":\"" + token + "\"}", true);
        host.welcome.await(10, TimeUnit.SECONDS);

        CountDownLatch previewed = new CountDownLatch(players);
        long started = System.nanoTime();
        for (Player p : sockets) {
            p.watch("preview", started, previewed);
        }
        host.socket.sendText("{\"type\":\"start\"}", true);
        if (!previewed.await(60, TimeUnit.SECONDS)) {
            System.out.println("not every player saw the question: " + previewed.getCount() + " missing");
        }
        List<Long> fanOut = new ArrayList<>();
        sockets.forEach(p -> fanOut.add(p.arrival));
        report("host start -> question preview at every player", fanOut);

        // The answer burst: everyone answers within `spread` seconds of the question opening, evenly spread.
        CountDownLatch opened = new CountDownLatch(players);
        long previewedAt = System.nanoTime();
        for (Player p : sockets) {
            p.arrival = -1;
            p.watch("open", previewedAt, opened);
        }
        if (!opened.await(60, TimeUnit.SECONDS)) {
            System.out.println("not every player saw the question open: " + opened.getCount() + " missing");
        }
        String option = sockets.get(0).firstOptionId;
        CountDownLatch acked = new CountDownLatch(players);
        long burst = System.nanoTime();
        for (int i = 0; i < sockets.size(); i++) {
            Player p = sockets.get(i);
            long due = burst + (long) (spread * 1e9 * i / sockets.size());
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            p.acks = acked;
            p.answerSent = System.nanoTime();
            p.socket.sendText("{\"type\":\"answer\",\"questionIndex\":0,\"optionIds\":[\"" + option + "\"]}", true);
        }
        double sendSeconds = (System.nanoTime() - burst) / 1e9;
        if (!acked.await(120, TimeUnit.SECONDS)) {
            System.out.println("answers without acknowledgement: " + acked.getCount());
        }
        List<Long> ackTimes = new ArrayList<>();
        long refused = sockets.stream().filter(p -> p.refused).count();
        sockets.forEach(p -> ackTimes.add(p.ackAt));
        report(String.format(Locale.ROOT, "answer -> \"locked in\" (all sent within %.1f s, %d refused)", sendSeconds, refused), ackTimes);
        if (!host.results.await(180, TimeUnit.SECONDS)) {
            System.out.println("the host saw no results");
        }
        double decidedSeconds = (host.resultsAt - burst) / 1e9;
        System.out.printf(Locale.ROOT, "%-60s %d answers in %.1f s (%.0f answers/s)%n",
                "first answer sent -> every answer decided, results at host", host.resultsAnswered, decidedSeconds,
                host.resultsAnswered / decidedSeconds);

        // Scoring: every player's own line, the host's top 10, and after the end the podium everywhere.
        if (!scored.await(180, TimeUnit.SECONDS)) {
            System.out.println("players without a score line: " + scored.getCount());
        }
        List<Long> scoreTimes = new ArrayList<>();
        // From the first answer, like the line above: results and scores both wait for the last answer's decision.
        sockets.forEach(p -> scoreTimes.add(p.scoreAt < 0 ? -1 : p.scoreAt - burst));
        scoreTimes.removeIf(t -> t < 0);
        report("first answer sent -> own score line at each player", scoreTimes);
        if (host.leaderboard.await(60, TimeUnit.SECONDS)) {
            System.out.printf(Locale.ROOT, "%-60s %.1f s%n", "first answer sent -> top 10 at host",
                    (host.leaderboardAt - burst) / 1e9);
        }
        long end = System.nanoTime();
        host.socket.sendText("{\"type\":\"end\"}", true);
        if (!podiums.await(180, TimeUnit.SECONDS)) {
            System.out.println("players without the podium: " + podiums.getCount());
        }
        List<Long> podiumTimes = new ArrayList<>();
        sockets.forEach(p -> podiumTimes.add(p.podiumAt < 0 ? -1 : p.podiumAt - end));
        podiumTimes.removeIf(t -> t < 0);
        report("host ends the game -> podium (game finalized) at each player", podiumTimes);
        Thread.sleep(500);
        for (Player p : sockets) {
            p.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        host.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        System.exit(0);
    }

    /** Every player's first score line, and the podium at every socket. */
    static volatile CountDownLatch scored;
    static volatile CountDownLatch podiums;

    /** One player's socket: records when the welcome and the awaited phase arrive. */
    private static final class Player implements WebSocket.Listener {
        WebSocket socket;
        long helloSent;
        volatile String awaitedPhase;
        volatile long since;
        volatile CountDownLatch awaited;
        volatile long arrival = -1;
        volatile String firstOptionId;
        volatile long answerSent;
        volatile long ackAt = -1;
        volatile boolean refused;
        volatile CountDownLatch acks;
        final CountDownLatch results = new CountDownLatch(1);
        final CountDownLatch leaderboard = new CountDownLatch(1);
        volatile long leaderboardAt = -1;
        volatile long scoreAt = -1;
        volatile long podiumAt = -1;
        volatile long resultsAt;
        volatile int resultsAnswered;
        final CountDownLatch welcome;
        private final CountDownLatch allWelcomed;
        private final List<Long> hellos;
        private final StringBuilder partial = new StringBuilder();
        private final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();

        Player(CountDownLatch allWelcomed, List<Long> hellos) {
            this.allWelcomed = allWelcomed;
            this.hellos = hellos;
            this.welcome = new CountDownLatch(1);
        }

        /** When each phase was first seen (a fast phase change may arrive before the benchmark asks for it). */
        final java.util.Map<String, Long> seen = new java.util.concurrent.ConcurrentHashMap<>();

        synchronized void watch(String phase, long sinceNanos, CountDownLatch latch) {
            since = sinceNanos;
            awaited = latch;
            awaitedPhase = phase;
            Long at = seen.get(phase);
            if (at != null) {
                arrival = at - sinceNanos;
                latch.countDown();
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                long now = System.nanoTime();
                if (text.contains("\"type\":\"welcome\"") && welcome.getCount() > 0) {
                    hellos.add(now - helloSent);
                    welcome.countDown();
                    allWelcomed.countDown();
                } else if (text.contains("\"phase\":")) {
                    String phase = json(text).getString("phase");
                    if (firstOptionId == null && text.contains("\"options\"")) {
                        firstOptionId = json(text).getJsonObject("question").getJsonArray("options").getJsonObject(0).getString("id");
                    }
                    synchronized (this) {
                        seen.putIfAbsent(phase, now);
                        if (phase.equals(awaitedPhase) && arrival < 0) {
                            arrival = now - since;
                            awaited.countDown();
                        }
                    }
                } else if (text.contains("\"type\":\"answer-received\"") || text.contains("\"type\":\"answer-refused\"")) {
                    if (ackAt < 0) {
                        refused = text.contains("answer-refused");
                        ackAt = now - answerSent;
                        acks.countDown();
                    }
                } else if (text.contains("\"type\":\"score\"")) {
                    if (scoreAt < 0) {
                        scoreAt = now;
                        scored.countDown();
                    }
                } else if (text.contains("\"type\":\"leaderboard\"")) {
                    if (leaderboardAt < 0) {
                        leaderboardAt = now;
                        leaderboard.countDown();
                    }
                } else if (text.contains("\"type\":\"podium\"")) {
                    if (podiumAt < 0) {
                        podiumAt = now;
                        podiums.countDown();
                    }
                } else if (text.contains("\"type\":\"results\"")) {
                    resultsAt = now;
                    resultsAnswered = json(text).getInt("answered");
                    results.countDown();
                }
                if (log.size() < 20) {
                    log.add(text);
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    private static void report(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.removeIf(n -> n < 0);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.printf(Locale.ROOT, "%-60s no samples%n", what);
            return;
        }
        System.out.printf(Locale.ROOT, "%-60s n=%5d  p50=%7.1f ms  p95=%7.1f ms  p99=%7.1f ms  max=%7.1f ms%n", what, sorted.size(),
                ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double ms(List<Long> sorted, double q) {
        int i = (int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1);
        return sorted.get(Math.max(0, i)) / 1e6;
    }

    private static HttpResponse<String> post(String url, String body, String token) throws Exception {
        return send("POST", url, body, token, null);
    }

    private static HttpResponse<String> send(String method, String url, String body, String token, String ifMatch) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        try (JsonReader r = Json.createReader(new StringReader(body))) {
            return r.readObject();
        }
    }
}
