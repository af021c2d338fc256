package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import static it.quizplatform.QuizAuthoringIT.POLL;
import static it.quizplatform.QuizAuthoringIT.SINGLE;
import static it.quizplatform.QuizAuthoringIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Joining over the socket ({@code /quiz/ws/join}): one connection joins with the PIN, is welcomed into the lobby and
 * then plays on; refusals name the field and keep the connection; the REST join's limits hold here too.
 */
@MicroShedTest
public class JoinSocketIT {

    private static String host;
    private static String quizId;

    @BeforeAll
    static void publishedQuiz() {
        host = Platform.registerAndLogin(Platform.uniqueEmail("joinhost"), "Join Host");
        quizId = QuizAuthoringIT.published(host, "Join Socket Quiz", SINGLE, POLL);
    }

    private static JsonNode newGame() {
        Platform.Reply created = send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\",\"lateJoinAllowed\":false}", host, null);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    @Test
    void aPlayerJoinsWithThePinAndPlaysOnTheSameConnection() {
        JsonNode game = newGame();
        String gameId = game.get("id").asText();
        try (SocketClient hostScreen = SocketClient.host(gameId, host);
             SocketClient phone = SocketClient.joinSocket(Platform.randomAddress())) {
            hostScreen.awaitType("welcome");
            Instant sent = Instant.now();
            phone.join(game.get("pin").asText(), "  Ada   Lovelace ");

            JsonNode joined = phone.awaitType("joined");
            // When the server read the join: after it was sent, before its answer came (server and test share a clock).
            assertThat(Instant.parse(joined.get("receivedAt").asText()))
                    .isBetween(sent.minusMillis(5), Instant.now().plusMillis(5));
            assertThat(joined.get("gameId").asText()).isEqualTo(gameId);
            assertThat(joined.get("nickname").asText()).isEqualTo("Ada Lovelace");
            assertThat(joined.get("playerToken").asText()).contains(".");
            String playerId = joined.get("playerId").asText();
            JsonNode welcome = phone.awaitType("welcome");
            assertThat(welcome.get("phase").asText()).isEqualTo("lobby");
            assertThat(welcome.get("you").get("playerId").asText()).isEqualTo(playerId);
            assertThat(hostScreen.await("the lobby with Ada", Duration.ofSeconds(10),
                    m -> m.path("players").findValuesAsText("nickname").contains("Ada Lovelace"))).isNotNull();
            assertThat(send("GET", "/quiz/api/games/" + gameId, null, host, null).json().get("playerCount").asInt()).isEqualTo(1);

            hostScreen.send("{\"type\":\"start\"}");
            phone.awaitPhase("open");
            phone.send("{\"type\":\"answer\",\"questionIndex\":0,\"optionIds\":[\"a\"]}");
            assertThat(phone.awaitType("answer-received").get("questionIndex").asInt()).isZero();
            phone.awaitType("answer-accepted");

            // The token in "joined" brings the same player back on the game's socket.
            try (SocketClient again = SocketClient.player(gameId, joined.get("playerToken").asText())) {
                JsonNode back = again.awaitType("welcome");
                assertThat(back.get("you").get("playerId").asText()).isEqualTo(playerId);
                assertThat(back.get("answered").asBoolean()).isTrue();
            }
        }
    }

    @Test
    void aRefusedJoinNamesTheFieldAndKeepsTheConnectionForAnotherTry() throws Exception {
        JsonNode game = newGame();
        String pin = game.get("pin").asText();
        Platform.Reply taken = GameLobbyIT.join(pin, "Grace");
        assertThat(taken.status()).as(taken.body()).isEqualTo(201);
        try (SocketClient phone = SocketClient.joinSocket(Platform.randomAddress())) {
            phone.send("{\"type\":\"answer\",\"questionIndex\":0,\"optionIds\":[\"a\"]}");
            assertThat(phone.awaitType("error").get("code").asText()).isEqualTo("join-first");
            phone.send("{\"type\":\"hello\",\"role\":\"player\",\"token\":\"x.y\"}");
            assertThat(phone.awaitType("error").get("code").asText()).isEqualTo("join-first");

            phone.send("{\"type\":\"join\",\"pin\":" + pin + ",\"nickname\":\"Ada\"}"); // a number, not the PIN's string
            assertRefused(phone, "invalid-pin", "pin");
            phone.join(pin.equals("000000") ? "000001" : "000000", "Ada");
            assertRefused(phone, "unknown-pin", "pin");
            // A nickname no game takes is refused as such, whatever the PIN: before any game is looked up.
            String unknownPin = pin.equals("000000") ? "000001" : "000000";
            phone.send("{\"type\":\"join\",\"pin\":\"" + unknownPin + "\",\"nickname\":\"A\\u0000\"}");
            assertRefused(phone, "nickname-invalid", "nickname");
            phone.send("{\"type\":\"join\",\"pin\":\"" + unknownPin + "\",\"nickname\":\"\\ud800\"}");
            assertRefused(phone, "nickname-invalid", "nickname");
            phone.join(unknownPin, "N".repeat(3000));
            assertRefused(phone, "nickname-invalid", "nickname");
            phone.join(pin, "GRACE");
            assertRefused(phone, "nickname-taken", "nickname");
            phone.join(pin, "<b>x</b>");
            assertRefused(phone, "nickname-invalid", "nickname");
            phone.send("{\"type\":\"join\",\"pin\":\"" + pin + "\",\"nickname\":\"Ada\",\"admin\":true}");
            assertRefused(phone, "invalid-message", "admin");

            Platform.sleep(1100); // eleven messages so far: the next one in another second (10 a second at most)
            phone.join(pin, "Ada");
            assertThat(phone.awaitType("joined").get("nickname").asText()).isEqualTo("Ada");
            phone.awaitType("welcome");
            phone.join(pin, "Ada again");
            assertThat(phone.awaitType("error").get("code").asText()).isEqualTo("already-identified");
            assertThat(phone.closeCode).isNotDone();
        }
        JsonNode lobby = send("GET", "/quiz/api/games/" + game.get("id").asText(), null, host, null).json();
        assertThat(lobby.get("players").findValuesAsText("nickname")).containsExactly("Grace", "Ada");
    }

    private static void assertRefused(SocketClient phone, String code, String field) {
        JsonNode error = phone.awaitType("error");
        assertThat(error.get("code").asText()).as(error.toString()).isEqualTo(code);
        assertThat(error.path("field").asText()).as(error.toString()).isEqualTo(field);
        assertThat(error.get("message").asText()).doesNotContain("Exception", "io.quizplatform");
    }

    @Test
    void theGameSocketDoesNotJoin() {
        JsonNode game = newGame();
        try (SocketClient socket = SocketClient.connect(game.get("id").asText())) {
            socket.join(game.get("pin").asText(), "Ada");
            assertThat(socket.awaitType("error").get("code").asText()).isEqualTo("join-not-here");
        }
        assertThat(send("GET", "/quiz/api/games/" + game.get("id").asText(), null, host, null).json()
                .get("playerCount").asInt()).isZero();
    }

    /**
     * A class behind the school's one address (NAT) all get in, typos and all; what a PIN scan costs is the wrong PINs,
     * 20 a minute from one address (the test stack's default), counted over REST and the socket together, and once
     * reached every join from there waits out the minute, the right PIN's too.
     */
    @Test
    void aWholeClassBehindOneAddressJoinsButWrongPinsFromThereAreLimitedOverBothWaysIn() {
        String pin = newGame().get("pin").asText();
        String school = Platform.randomAddress();
        for (int i = 0; i < 30; i++) {
            if (i % 10 == 0) {
                assertThat(joinFrom(school, unknownPin(), "Typo").status()).as("a typo").isEqualTo(404);
            }
            Platform.Reply pupil = joinFrom(school, pin, "Pupil " + i);
            assertThat(pupil.status()).as("pupil " + i + ": " + pupil.body()).isEqualTo(201);
        }
        for (int i = 3; i < 10; i++) {
            assertThat(joinFrom(school, unknownPin(), "Scanner").status()).isEqualTo(404);
        }
        try (SocketClient phone = SocketClient.joinSocket(school)) {
            for (int i = 10; i < 20; i++) {
                phone.join(unknownPin(), "Scanner");
                assertRefused(phone, "unknown-pin", "pin");
            }
        }
        try (SocketClient phone = SocketClient.joinSocket(school)) {
            phone.join(pin, "Late");
            JsonNode error = phone.awaitType("error");
            assertThat(error.get("code").asText()).isEqualTo("too-many-attempts");
            assertThat(error.get("message").asText()).contains("wrong PIN").contains("Try again in");
        }
        Platform.Reply late = joinFrom(school, pin, "Late");
        assertThat(late.status()).as(late.body()).isEqualTo(429);
        assertThat(late.header("Retry-After")).isNotEmpty();
        try (SocketClient elsewhere = SocketClient.joinSocket(Platform.randomAddress())) {
            elsewhere.join(pin, "Late");
            elsewhere.awaitType("joined");
        }
    }

    /**
     * A class on an old game's link: every pupil's phone tries that game's PIN, long gone, then the teacher reads out
     * the new one. The same wrong PIN, however often, is one wrong PIN: the class gets in.
     */
    @Test
    void aClassAllTryingTheSameOldPinStillJoinsWithTheRightOne() {
        String pin = newGame().get("pin").asText();
        String oldPin = unknownPin();
        String school = Platform.randomAddress();
        for (int i = 0; i < 30; i++) {
            assertThat(joinFrom(school, oldPin, "Pupil " + i).status()).as("the old PIN, pupil " + i).isEqualTo(404);
        }
        try (SocketClient phone = SocketClient.joinSocket(school)) {
            phone.join(oldPin, "Pupil 30");
            assertRefused(phone, "unknown-pin", "pin");
            phone.join(pin, "Pupil 30");
            phone.awaitType("joined");
        }
        for (int i = 0; i < 30; i++) {
            Platform.Reply pupil = joinFrom(school, pin, "Pupil " + i);
            assertThat(pupil.status()).as("pupil " + i + ": " + pupil.body()).isEqualTo(201);
        }
    }

    /** Wrong PINs sent all at once are each counted before any is looked up: no more than 20 get through. */
    @Test
    void wrongPinsSentAllAtOnceDoNotPassTheLimitTogether() throws Exception {
        String scanner = Platform.randomAddress();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(40);
        try {
            List<java.util.concurrent.Future<Integer>> scans = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String pin = unknownPin();
                scans.add(pool.submit(() -> joinFrom(scanner, pin, "Scanner").status()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (var scan : scans) {
                statuses.add(scan.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(statuses).containsOnly(404, 429);
            assertThat(statuses.stream().filter(s -> s == 404).count()).as("wrong PINs looked up").isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Without a wrong PIN, one address still adds no more than 200 players a minute (the test stack's default). */
    @Test
    void everyJoinFromOneAddressIsBoundedTooOverBothWaysIn() {
        String pin = newGame().get("pin").asText();
        String address = Platform.randomAddress();
        assertThat(joinFrom(address, pin, "Ada").status()).isEqualTo(201);
        for (int i = 1; i < 199; i++) {
            Platform.Reply taken = joinFrom(address, pin, "Ada"); // refused by the game, still counted, like a REST 409
            assertThat(taken.status()).as(taken.body()).isEqualTo(409);
        }
        try (SocketClient phone = SocketClient.joinSocket(address)) {
            phone.join(pin, "ADA"); // the 200th
            assertRefused(phone, "nickname-taken", "nickname");
            phone.join(pin, "Grace");
            JsonNode error = phone.awaitType("error");
            assertThat(error.get("code").asText()).isEqualTo("too-many-attempts");
            assertThat(error.get("message").asText()).contains("join attempts from here");
        }
        assertThat(joinFrom(address, pin, "Grace").status()).isEqualTo(429);
    }

    /**
     * One IPv6 subscriber holds 2^64 addresses: by the address alone it could try PINs without end. Its wrong PINs are
     * counted per /64, 20 a minute as one address's.
     */
    @Test
    void aScanOfPinsFromManyAddressesOfOneIpv6NetworkIsStoppedAtItsLimit() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        String network = "2001:db8:" + Integer.toHexString(random.nextInt(1, 0xffff)) + ":"
                + Integer.toHexString(random.nextInt(1, 0xffff)) + ":";
        for (int i = 0; i < 20; i++) {
            Platform.Reply scan = joinFrom(network + "1:2:3:" + Integer.toHexString(i + 1), unknownPin(), "Scanner");
            assertThat(scan.status()).as(scan.body()).isEqualTo(404);
        }
        Platform.Reply stopped = joinFrom(network + "aaaa:bbbb:cccc:dddd", unknownPin(), "Scanner");
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(429);
        assertThat(stopped.header("Retry-After")).isNotEmpty();
        try (SocketClient phone = SocketClient.joinSocket(network + "ffff::1")) {
            phone.join(unknownPin(), "Scanner");
            assertThat(phone.awaitType("error").get("code").asText()).as("the join socket counts the same")
                    .isEqualTo("too-many-attempts");
        }
        String neighbour = "2001:db8:" + Integer.toHexString(random.nextInt(1, 0xffff)) + ":1::1";
        assertThat(joinFrom(neighbour, unknownPin(), "Scanner").status()).as("another network is not held up").isEqualTo(404);
    }

    private static Platform.Reply joinFrom(String address, String pin, String nickname) {
        return Platform.send(Platform.requestFrom(address, "/quiz/api/games/players")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Platform.JSON.createObjectNode().put("pin", pin)
                        .put("nickname", nickname).toString())));
    }

    /**
     * A well-formed PIN no game has (a game's PIN never starts with 0), another each time: a wrong PIN tried again
     * from one address is not counted again.
     */
    private static String unknownPin() {
        return String.format("0%05d", UNKNOWN_PINS.getAndIncrement() % 100_000);
    }

    private static final java.util.concurrent.atomic.AtomicInteger UNKNOWN_PINS =
            new java.util.concurrent.atomic.AtomicInteger(java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000));

    @Test
    void anythingButAWebSocketHandshakeIsAnswered426Or405() throws Exception {
        HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(Platform.baseUrl() + "/quiz/ws/join")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(426);
        assertThat(plain.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(plain.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(plain.body()).contains("WebSocket").doesNotContain("Exception");

        HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(Platform.baseUrl() + "/quiz/ws/join")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET");
        assertThat(post.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void aHandshakeLeavesNoHttpSessionBehind() throws Exception {
        String gameId = newGame().get("id").asText();
        for (String path : List.of("/quiz/ws/join", "/quiz/ws/games/" + gameId)) {
            List<String> head = handshake(path);
            assertThat(head.get(0)).as(path).contains(" 101 ");
            assertThat(head).as(path + ": no session, no JSESSIONID cookie")
                    .noneMatch(line -> line.toLowerCase(Locale.ROOT).startsWith("set-cookie"));
        }
    }

    /** A WebSocket handshake by hand, to read the answer's header lines (the JDK's client does not show them). */
    private static List<String> handshake(String path) throws IOException {
        URI base = URI.create(Platform.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            List<String> head = new ArrayList<>();
            for (String line; (line = answer.readLine()) != null && !line.isEmpty(); ) {
                head.add(line);
            }
            return head;
        }
    }

    @Test
    void aHandshakeFromAnotherSitesPageIsRefused() {
        CompletableFuture<WebSocket> attempt = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", "https://evil.example")
                .buildAsync(URI.create(Platform.baseUrl().replace("http://", "ws://") + "/quiz/ws/join"), new WebSocket.Listener() { });
        assertThat(attempt).failsWithin(Duration.ofSeconds(10));
    }
}
