package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static it.quizplatform.QuizAuthoringIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault suite: a real game of {@value #PLAYERS} players on phones that reconnect by themselves, while one
 * dependency or server fails mid-question and comes back, one scenario at a time. Nobody helps the game: no
 * {@code skip}, no blind {@code next}. Each scenario checks that every acknowledged answer is stored once and scored
 * once, every answer got a reply, the question open during the fault closes by itself on every phone, the next
 * question opens and the podium arrives, and readiness names the failing dependency while it fails. The figures go
 * to {@code target/reliability.md} (the README's "Reliability" table is copied from a run).
 */
public class FaultSuiteIT {

    static final int PLAYERS = 50;
    static final Duration FAULT_LASTS = Duration.ofSeconds(8);
    /** Longer than the client timeouts on the way (the pool's 5 s wait for a connection, Redis reads' 1 s). */
    static final Duration FROZEN_LASTS = Duration.ofSeconds(20);
    static final Path REPORT = Path.of("target", "reliability.md");

    enum Fault {
        KAFKA_KILL("Kafka killed (SIGKILL), started again", "/kafka/kill", "/kafka/start", ".kafka"),
        KAFKA_STOP("Kafka stopped gracefully, started again", "/kafka/stop", "/kafka/start", ".kafka"),
        REDIS_STOP("Redis stopped, started again", "/redis/stop", "/redis/start", ".redis"),
        POSTGRES_STOP("PostgreSQL stopped, started again", "/postgres/stop", "/postgres/start", ".database"),
        LIBERTY_RESTART("Liberty server (all four apps) stopped gracefully, started again", "/liberty/stop", "/liberty/start", null),
        LIBERTY_KILL("Liberty server (all four apps) killed (SIGKILL), started again", "/liberty/kill", "/liberty/start", null),
        ANSWER_INSTANCE_KILL("one of two answer-app instances (one consumer group) killed", "/answer-app-alone/kill", null, null,
                "answer-app-alone"),
        SCORING_INSTANCE_KILL("one of two scoring-app instances (one consumer group) killed", "/scoring-app-alone/kill", null, null,
                "scoring-app-alone"),
        // Frozen links: every phone starts on a second quiz-app instance whose connections to the dependency run
        // through a FreezingProxy; the proxy holds every byte (no reset), so calls hang instead of failing fast.
        POSTGRES_FROZEN("network to PostgreSQL frozen for the quiz-app instance of every phone (no reset: bytes held)",
                null, null, ".database", "quiz-app-alone", "QUIZ_DB_URL"),
        REDIS_FROZEN("network to Redis frozen for the quiz-app instance of every phone (no reset: bytes held)",
                null, null, ".redis", "quiz-app-alone", "REDIS_URL"),
        // Last of the three on the second quiz-app instance: it ends that instance, started once for all three.
        QUIZ_INSTANCE_KILL("one of two quiz-app instances killed (its players move to the other)", "/quiz-app-alone/kill", null, null,
                "quiz-app-alone");

        final String what;
        final String inject;
        final String repair;
        final String healthCheck;
        /** A second server started for the scenario, or null. */
        final String second;
        /** The second server's setting (a JDBC or Redis URL) that is sent through a FreezingProxy, or null. */
        final String frozenLink;

        Fault(String what, String inject, String repair, String healthCheck) {
            this(what, inject, repair, healthCheck, null);
        }

        Fault(String what, String inject, String repair, String healthCheck, String second) {
            this(what, inject, repair, healthCheck, second, null);
        }

        Fault(String what, String inject, String repair, String healthCheck, String second, String frozenLink) {
            this.what = what;
            this.inject = inject;
            this.repair = repair;
            this.healthCheck = healthCheck;
            this.second = second;
            this.frozenLink = frozenLink;
        }
    }

    /** What one answer got back. */
    enum Reply { RECEIVED, REFUSED, NOT_SAVED, NONE }

    record Sent(Phone phone, int questionIndex, Reply reply, String answerId, Instant repliedAt) {
    }

    static final String SECOND_QUIZ_APP = "quiz-app-alone";
    /** The settings of the second quiz-app instance that go through a FreezingProxy. */
    static final List<String> FREEZABLE_LINKS = List.of("QUIZ_DB_URL", "REDIS_URL");

    /**
     * The second quiz-app instance, with its database and Redis links through FreezingProxies (passing bytes until
     * frozen): started once for the frozen-link scenarios and the instance kill, not once each (a start takes 30-40 s).
     */
    record SecondQuizApp(String address, java.util.Map<String, FreezingProxy> links) {
    }

    private static SecondQuizApp secondQuizApp;

    /**
     * The second servers of the later scenarios, by name, started one after the other while the first scenario with a
     * second server of its own runs (a start takes 15-40 s): a second scoring instance joins its group and the second
     * quiz-app instance starts (its phones stay on the main server) during the answer-app kill.
     */
    private static final java.util.Map<String, CompletableFuture<Void>> startedAhead = new java.util.concurrent.ConcurrentHashMap<>();
    /** The last of those starts: one at a time, as two at once slow each other and the game on two cores. */
    private static CompletableFuture<Void> startsAhead = CompletableFuture.completedFuture(null);

    private static final ExecutorService POOL = Executors.newFixedThreadPool(16);
    private static String host;
    private static String quizId;
    private static String main;

    @BeforeAll
    static void quiz() throws IOException {
        main = "127.0.0.1:" + Integer.getInteger("microshed_http_port", 29080);
        host = Platform.registerAndLogin(Platform.uniqueEmail("faults"), "Fault Host");
        // A long first question: it must close by itself once everyone has answered after the fault.
        quizId = QuizAuthoringIT.published(host, "Fault Quiz",
                QuizAuthoringIT.timed(QuizAuthoringIT.SINGLE, 120), QuizAuthoringIT.SINGLE);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, "Fault suite, " + LocalDate.now() + ", " + PLAYERS + " players, each fault held "
                + FAULT_LASTS.toSeconds() + " s (a frozen link " + FROZEN_LASTS.toSeconds() + " s) mid-question (`./mvnw verify`, FaultSuiteIT)\n\n"
                + "| fault | lasted | acknowledged | stored | scored | lost | double | refused after ack | not saved (told) | unanswered replies "
                + "| recovery: next answer acknowledged | recovery: next question open | what the players saw |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    }

    @AfterAll
    static void everythingBack() {
        startsAhead.exceptionally(e -> null).join();
        closeSecondQuizApp();
        JsonNode components = Platform.stackStatus().get("components");
        for (String name : List.of("kafka", "redis", "postgres", "liberty")) {
            if (!"up".equals(components.get(name).get("state").asText())) {
                Platform.control("POST", "/" + name + "/start");
            }
        }
        // A second server started ahead for a scenario that did not run.
        for (String name : List.of("answer-app-alone", "scoring-app-alone")) {
            if ("up".equals(components.path(name).path("state").asText())) {
                Platform.control("POST", "/" + name + "/stop");
            }
        }
        POOL.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void theGameGoesOnWithoutHelp(Fault fault) throws Exception {
        String second = null;
        FreezingProxy proxy = null;
        boolean startedAheadAndUp = startedAheadAndUp(fault);
        if (SECOND_QUIZ_APP.equals(fault.second)) {
            second = secondQuizApp().address();
            proxy = fault.frozenLink == null ? null : secondQuizApp.links().get(fault.frozenLink);
        } else if (fault.second != null && !startedAheadAndUp) {
            Platform.control("POST", "/" + fault.second + "/start");
            // Both instances share the partitions before the game starts.
            Platform.sleep(5000);
        }
        JsonNode game = send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null).json();
        String gameId = game.get("id").asText();
        List<Phone> phones = new ArrayList<>();
        Phone hostPhone = Phone.host(gameId, host, List.of(main));
        try {
            for (int i = 0; i < PLAYERS; i++) {
                JsonNode joined = GameLobbyIT.join(game.get("pin").asText(), String.format(Locale.ROOT, "Player%02d", i)).json();
                // With two instances, every other phone starts on the second one (and falls back to the first); with a
                // frozen link, every phone starts there.
                List<String> servers = second != null && (i % 2 == 0 || proxy != null) ? List.of(second, main) : List.of(main);
                phones.add(Phone.player("p" + i, gameId, joined.get("playerToken").asText(), servers));
            }
            Platform.await("every phone welcomed", Duration.ofSeconds(30), () ->
                    phones.stream().allMatch(p -> p.awaitPhase("lobby", -1, Duration.ZERO)) ? Optional.of(true) : Optional.empty());
            assertThat(hostPhone.send("{\"type\":\"start\"}", Duration.ofSeconds(10))).isTrue();
            allIn(phones, "open", 0, Duration.ofSeconds(30));
            // From here the scenario's waits are long ones: the later second servers start now, not in the lobby.
            startAheadTheLaterSecondServers(fault);
            String option = phones.get(0).lastState().get("question").get("options").get(0).get("id").asText();

            List<Sent> sent = new ArrayList<>(answer(phones.subList(0, 20), 0, option));

            Instant faultStart = Instant.now();
            if (proxy != null) {
                proxy.freeze();
            } else {
                Platform.control("POST", fault.inject);
            }
            boolean healthNamed = fault.healthCheck == null || healthNames(proxy != null ? "http://" + second : Platform.baseUrl(),
                    fault.healthCheck);
            CompletableFuture<List<Sent>> duringFault = CompletableFuture.supplyAsync(() -> answer(phones.subList(20, 40), 0, option), POOL);
            Platform.sleep(Math.max(0, Duration.between(Instant.now(), faultStart.plus(proxy != null ? FROZEN_LASTS : FAULT_LASTS)).toMillis()));
            if (proxy != null) {
                proxy.thaw();
            } else if (fault.repair != null) {
                Platform.control("POST", fault.repair);
            }
            Instant faultEnd = Instant.now();
            sent.addAll(duringFault.get());
            List<Sent> after = answer(phones.subList(40, PLAYERS), 0, option);
            sent.addAll(after);
            Optional<Instant> firstAckAfter = sent.stream().filter(s -> s.reply() == Reply.RECEIVED && s.repliedAt().isAfter(faultEnd))
                    .map(Sent::repliedAt).min(Instant::compareTo);

            // The question open during the fault closes by itself on every phone (everyone has answered).
            allIn(phones, "closed", 0, Duration.ofSeconds(150));
            assertThat(hostPhone.send("{\"type\":\"next\"}", Duration.ofSeconds(60))).isTrue();
            allIn(phones, "open", 1, Duration.ofSeconds(30));
            Instant nextOpen = Instant.now();
            String option1 = phones.get(0).lastState().get("question").get("options").get(0).get("id").asText();
            sent.addAll(answer(phones, 1, option1));
            allIn(phones, "closed", 1, Duration.ofSeconds(40));
            String secondClose = phones.get(0).lastState().path("closeReason").asText();
            assertThat(hostPhone.send("{\"type\":\"end\"}", Duration.ofSeconds(30))).isTrue();
            assertThat(hostPhone.awaitFrom(0, Duration.ofSeconds(90), m -> "podium".equals(m.path("type").asText())))
                    .as("the podium after the end").isPresent();

            Outcome outcome = check(gameId, sent);
            String seen = "Q1 closed on all " + PLAYERS + " phones; Q2 closed " + secondClose + "; podium; "
                    + phones.stream().mapToInt(p -> p.reconnects).sum() + " reconnects"
                    + closeCodes(phones) + (healthNamed ? "" : "; readiness did NOT name it");
            report(fault, Duration.between(faultStart, faultEnd), outcome, firstAckAfter.map(t -> Duration.between(faultEnd, t)),
                    Duration.between(faultEnd, nextOpen), seen);

            assertThat(outcome.lost()).as("acknowledged answers never decided").isZero();
            assertThat(outcome.doubled()).as("answers stored or scored twice").isZero();
            assertThat(outcome.unanswered()).as("answers that got no reply at all").isZero();
            assertThat(outcome.scored()).as("every stored answer scored").isEqualTo(outcome.stored());
            assertThat(healthNamed).as("readiness names " + fault.healthCheck + " while it fails").isTrue();
        } finally {
            phones.forEach(Phone::close);
            hostPhone.close();
            if (fault.second != null && (!SECOND_QUIZ_APP.equals(fault.second) || fault == Fault.QUIZ_INSTANCE_KILL)) {
                Platform.control("POST", "/" + fault.second + "/stop");
            }
            if (proxy != null) {
                proxy.thaw();
            }
            if (fault == Fault.QUIZ_INSTANCE_KILL) {
                closeSecondQuizApp();
            }
        }
    }

    /**
     * Starts the second servers of the later scenarios now, if this scenario has one of its own: never during a
     * scenario with the main server alone, whose fault a second instance would soften.
     */
    /**
     * Whether this scenario's second server was started ahead and is up; a start ahead that failed is told in the log
     * and made again by the scenario itself, so it costs this scenario alone.
     */
    private static boolean startedAheadAndUp(Fault fault) throws Exception {
        CompletableFuture<Void> ahead = fault.second == null ? null : startedAhead.get(fault.second);
        if (ahead == null) {
            return false;
        }
        try {
            ahead.get(3, java.util.concurrent.TimeUnit.MINUTES);
            return true;
        } catch (java.util.concurrent.ExecutionException e) {
            System.out.println("FaultSuiteIT: " + fault.second + " not started ahead (" + e.getCause() + "); starting it now");
            return false;
        }
    }

    private static void startAheadTheLaterSecondServers(Fault fault) {
        if (fault.second == null) {
            return;
        }
        for (Fault later : Fault.values()) {
            if (later.ordinal() > fault.ordinal() && later.second != null && !later.second.equals(fault.second)
                    && !startedAhead.containsKey(later.second)) {
                // After the one before, whether or not it started (a failed start is made again by its scenario).
                startsAhead = startsAhead.handle((ok, failed) -> null).thenRunAsync(() -> {
                    if (SECOND_QUIZ_APP.equals(later.second)) {
                        try {
                            secondQuizApp();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    } else {
                        Platform.control("POST", "/" + later.second + "/start");
                    }
                }, POOL);
                startedAhead.put(later.second, startsAhead);
            }
        }
    }

    private static SecondQuizApp secondQuizApp() throws IOException {
        if (secondQuizApp == null) {
            java.util.Map<String, FreezingProxy> links = new java.util.HashMap<>();
            StringBuilder settings = new StringBuilder();
            for (String link : FREEZABLE_LINKS) {
                String url = Platform.stackStatus().get("env").get(link).asText();
                URI target = URI.create(url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url);
                FreezingProxy proxy = new FreezingProxy(target.getHost(), target.getPort());
                links.put(link, proxy);
                settings.append(settings.length() == 0 ? "?" : "&").append(link).append('=').append(URLEncoder.encode(
                        url.replaceFirst(":" + target.getPort() + "(?=/|\\?|$)", ":" + proxy.port()), StandardCharsets.UTF_8));
            }
            JsonNode status = Platform.control("POST", "/" + SECOND_QUIZ_APP + "/start" + settings);
            secondQuizApp = new SecondQuizApp("127.0.0.1:" + status.get("components").get(SECOND_QUIZ_APP).get("port").asInt(), links);
        }
        return secondQuizApp;
    }

    private static void closeSecondQuizApp() {
        if (secondQuizApp != null) {
            Platform.control("POST", "/" + SECOND_QUIZ_APP + "/stop");
            secondQuizApp.links().values().forEach(FreezingProxy::close);
            secondQuizApp = null;
        }
    }

    /** Each phone answers once, all at about the same time, and waits for the reply. */
    private static List<Sent> answer(List<Phone> phones, int questionIndex, String optionId) {
        List<CompletableFuture<Sent>> futures = phones.stream()
                .map(p -> CompletableFuture.supplyAsync(() -> answerOne(p, questionIndex, optionId), POOL)).toList();
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private static Sent answerOne(Phone phone, int questionIndex, String optionId) {
        int from = phone.sendMarked(AnswersIT.answer(questionIndex, optionId), Duration.ofSeconds(120));
        if (from < 0) {
            return new Sent(phone, questionIndex, Reply.NONE, null, Instant.now());
        }
        Optional<JsonNode> reply = phone.awaitFrom(from, Duration.ofSeconds(30), m -> switch (m.path("type").asText()) {
            case "answer-received", "answer-refused" -> m.path("questionIndex").asInt() == questionIndex;
            case "error" -> "answer-not-saved".equals(m.path("code").asText());
            // The connection dropped before the reply: the welcome on the new one says whether it counted.
            case "welcome" -> true;
            default -> false;
        });
        if (reply.isEmpty()) {
            return new Sent(phone, questionIndex, Reply.NONE, null, Instant.now());
        }
        JsonNode m = reply.get();
        Reply kind = switch (m.path("type").asText()) {
            case "answer-received" -> Reply.RECEIVED;
            case "answer-refused" -> Reply.REFUSED;
            case "welcome" -> m.path("answered").asBoolean() ? Reply.RECEIVED : Reply.NOT_SAVED;
            default -> Reply.NOT_SAVED;
        };
        return new Sent(phone, questionIndex, kind, m.path("answerId").asText(null), Instant.now());
    }

    private static void allIn(List<Phone> phones, String phase, int questionIndex, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        for (Phone phone : phones) {
            Duration left = Duration.between(Instant.now(), deadline);
            assertThat(phone.awaitPhase(phase, questionIndex, left.isNegative() ? Duration.ZERO : left))
                    .as(phone.name + " sees question " + questionIndex + " " + phase + "; last state: " + phone.lastState())
                    .isTrue();
        }
    }

    private static boolean healthNames(String server, String checkSuffix) {
        Instant deadline = Instant.now().plusSeconds(6);
        while (Instant.now().isBefore(deadline)) {
            try {
                JsonNode report = Platform.send(HttpRequest.newBuilder(URI.create(server + "/health/ready"))
                        .timeout(Duration.ofSeconds(5)).GET()).json();
                for (JsonNode check : report.path("checks")) {
                    if (check.path("name").asText().endsWith(checkSuffix) && (!"UP".equals(check.path("status").asText())
                            || check.path("data").path("reachable").asText().equals("false"))) {
                        return true;
                    }
                }
            } catch (RuntimeException e) {
                // not answering yet
            }
            Platform.sleep(250);
        }
        return false;
    }

    record Outcome(int acknowledged, long stored, long scored, long lost, long doubled, long refusedAfterAck, long notSaved,
                   long unanswered) {
    }

    /** Waits (up to a minute) until every acknowledged answer is decided and scored, then counts. */
    private static Outcome check(String gameId, List<Sent> sent) {
        UUID game = UUID.fromString(gameId);
        Set<String> acked = new HashSet<>();
        sent.stream().filter(s -> s.reply() == Reply.RECEIVED && s.answerId() != null).forEach(s -> acked.add(s.answerId()));
        long ackedViaWelcome = sent.stream().filter(s -> s.reply() == Reply.RECEIVED && s.answerId() == null).count();
        Instant deadline = Instant.now().plusSeconds(60);
        long stored;
        long refused;
        long scored;
        long lost;
        while (true) {
            stored = countIn("ANSWER", "SELECT count(*) FROM answers WHERE game_id = ? AND answer_id::text = ANY (?)", game, acked);
            refused = countIn("ANSWER", "SELECT count(*) FROM refused_answers WHERE game_id = ? AND answer_id::text = ANY (?)", game, acked);
            scored = countIn("SCORING", "SELECT count(*) FROM scored_answers WHERE game_id = ? AND answer_id::text = ANY (?)", game, acked);
            lost = acked.size() - stored - refused;
            if (lost == 0 && scored == stored || Instant.now().isAfter(deadline)) {
                break;
            }
            Platform.sleep(500);
        }
        long doubled = Platform.count("ANSWER", "SELECT count(*) FROM (SELECT 1 FROM answers WHERE game_id = ? "
                + "GROUP BY question_index, player_id HAVING count(*) > 1) d", game)
                + Platform.count("SCORING", "SELECT count(*) FROM (SELECT 1 FROM scored_answers WHERE game_id = ? "
                + "GROUP BY question_index, player_id HAVING count(*) > 1) d", game);
        long notSaved = sent.stream().filter(s -> s.reply() == Reply.NOT_SAVED).count();
        long unanswered = sent.stream().filter(s -> s.reply() == Reply.NONE).count();
        return new Outcome((int) (acked.size() + ackedViaWelcome), stored + ackedViaWelcome, scored + ackedViaWelcome,
                lost, doubled, refused, notSaved, unanswered);
    }

    private static long countIn(String service, String sql, UUID game, Set<String> ids) {
        try (var c = Platform.database(service); var q = c.prepareStatement(sql)) {
            q.setObject(1, game);
            q.setArray(2, c.createArrayOf("text", ids.toArray()));
            try (var rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String closeCodes(List<Phone> phones) {
        StringBuilder codes = new StringBuilder();
        phones.stream().flatMap(p -> p.closes.stream()).distinct().sorted()
                .forEach(code -> codes.append(codes.length() == 0 ? "; closes " : ", ").append(code).append(" x")
                        .append(phones.stream().flatMap(p -> p.closes.stream()).filter(code::equals).count()));
        return codes.toString();
    }

    private static void report(Fault fault, Duration lasted, Outcome o, Optional<Duration> ackAfter, Duration nextOpen, String seen)
            throws IOException {
        String row = String.format(Locale.ROOT, "| %s | %.0f s | %d | %d | %d | %d | %d | %d | %d | %d | %s | %.1f s | %s |%n", fault.what,
                lasted.toMillis() / 1000.0,
                o.acknowledged(), o.stored(), o.scored(), o.lost(), o.doubled(), o.refusedAfterAck(), o.notSaved(), o.unanswered(),
                ackAfter.map(d -> String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0)).orElse("-"),
                nextOpen.toMillis() / 1000.0, seen);
        System.out.print("RELIABILITY " + row);
        Files.writeString(REPORT, row, StandardOpenOption.APPEND);
    }
}
