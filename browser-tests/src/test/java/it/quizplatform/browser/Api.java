package it.quizplatform.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sets a scenario up through the REST API, so a browser test only clicks through what it is about: a host with an
 * account, a published quiz, a game with a PIN. Each call comes from an address of its own (X-Forwarded-For, which
 * the test stack trusts from 127.0.0.1), so tests never share a rate limit.
 */
public final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * HTTP/1.1, as browsers and ingresses speak to the server. (java.net.http's default, a cleartext HTTP/2 upgrade
     * "Upgrade: h2c", gets a 101 and then no answer for {@code GET /} from Liberty: seen on 26.0.0.3.)
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    public static final String PASSWORD = "correct horse battery staple";

    private Api() {
    }

    /** A reply: status, headers and body. */
    public record Reply(int status, Map<String, List<String>> headers, String body) {

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        Reply expect(int wanted, String what) {
            if (status != wanted) {
                throw new AssertionError(what + ": expected HTTP " + wanted + ", got " + status + ": " + body);
            }
            return this;
        }
    }

    /** A host with an account, logged in. */
    public record Host(String id, String email, String displayName, String password, String accessToken) {
    }

    /** A published quiz. */
    public record Quiz(String id, String title) {
    }

    /** A game in its lobby, waiting for players with its PIN. */
    public record Game(String id, String pin) {
    }

    // ------------------------------------------------------------------------------------------- scenarios

    /** Registers a host account with a unique e-mail and logs it in. */
    public static Host registerHost(String displayName) {
        String email = "host-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        ObjectNode body = JSON.createObjectNode().put("email", email).put("displayName", displayName).put("password", PASSWORD);
        JsonNode user = post("/user/api/users", body.toString(), null).expect(201, "registering " + email).json();
        return new Host(user.path("id").asText(), email, displayName, PASSWORD, login(email, PASSWORD));
    }

    /** Logs in; returns the access token. */
    public static String login(String email, String password) {
        ObjectNode body = JSON.createObjectNode().put("email", email).put("password", password);
        return post("/user/api/sessions", body.toString(), null).expect(200, "logging in " + email)
                .json().get("accessToken").asText();
    }

    /**
     * A published quiz of {@code host} with these questions, each a JSON object as the quiz API takes it (see
     * {@link #singleChoice}).
     */
    public static Quiz publishedQuiz(Host host, String title, String... questions) {
        ObjectNode body = JSON.createObjectNode().put("title", title).put("description", "made by a browser test");
        JsonNode quiz = post("/quiz/api/quizzes", body.toString(), host.accessToken()).expect(201, "creating " + title).json();
        String id = quiz.get("id").asText();
        long version = quiz.get("version").asLong();
        for (String question : questions) {
            version = send("POST", "/quiz/api/quizzes/" + id + "/questions", question, host.accessToken(), version)
                    .expect(200, "adding a question to " + title).json().get("version").asLong();
        }
        send("POST", "/quiz/api/quizzes/" + id + "/publish", null, host.accessToken(), version)
                .expect(200, "publishing " + title);
        return new Quiz(id, title);
    }

    /** A single-choice question; the first option is the correct one. */
    public static String singleChoice(String text, int timeLimitSeconds, String correct, String... wrong) {
        ObjectNode q = JSON.createObjectNode().put("type", "single-choice").put("text", text)
                .put("timeLimitSeconds", timeLimitSeconds).put("points", 1000);
        var options = q.putArray("options");
        options.addObject().put("text", correct).put("correct", true);
        for (String w : wrong) {
            options.addObject().put("text", w).put("correct", false);
        }
        return q.toString();
    }

    /** A multiple-choice question: the first {@code correctCount} of {@code options} are the correct ones. */
    public static String multipleChoice(String text, int timeLimitSeconds, int correctCount, String... options) {
        ObjectNode q = JSON.createObjectNode().put("type", "multiple-choice").put("text", text)
                .put("timeLimitSeconds", timeLimitSeconds).put("points", 1000);
        var list = q.putArray("options");
        for (int i = 0; i < options.length; i++) {
            list.addObject().put("text", options[i]).put("correct", i < correctCount);
        }
        return q.toString();
    }

    /** A type-the-answer question that accepts these answers. */
    public static String typeAnswer(String text, int timeLimitSeconds, String... accepted) {
        ObjectNode q = JSON.createObjectNode().put("type", "type-answer").put("text", text)
                .put("timeLimitSeconds", timeLimitSeconds).put("points", 1000);
        var list = q.putArray("acceptedAnswers");
        for (String answer : accepted) {
            list.add(answer);
        }
        return q.toString();
    }

    /** Opens a game of the quiz: its lobby waits for players. */
    public static Game newGame(Host host, Quiz quiz) {
        ObjectNode body = JSON.createObjectNode().put("quizId", quiz.id());
        JsonNode game = post("/quiz/api/games", body.toString(), host.accessToken()).expect(201, "opening a game").json();
        return new Game(game.get("id").asText(), game.get("pin").asText());
    }

    /** A player joins the game over REST (201); the join's answer (playerId, playerToken...). */
    public static JsonNode join(Game game, String nickname) {
        return post("/quiz/api/games/players", JSON.createObjectNode().put("pin", game.pin()).put("nickname", nickname)
                .toString(), null).expect(201, nickname + " joining " + game.pin()).json();
    }

    /** The host's control of a running game: {@code start}, {@code next}, {@code skip} or {@code end}. */
    public static void control(Host host, Game game, String command) {
        post("/quiz/api/games/" + game.id() + "/" + command, null, host.accessToken()).expect(200, command + " " + game.pin());
    }

    /** The game as its host reads it (phase, players...). */
    public static JsonNode game(Host host, Game game) {
        return send("GET", "/quiz/api/games/" + game.id(), null, host.accessToken(), null).expect(200, "reading " + game.pin()).json();
    }

    // ------------------------------------------------------------------------------------------- plain HTTP

    public static Reply get(String path) {
        return send("GET", path, null, null, null);
    }

    public static Reply post(String path, String json, String bearerToken) {
        return send("POST", path, json, bearerToken, null);
    }

    /** Any request; {@code ifMatch} is an aggregate version (sent as the ETag {@code "<version>"}), or null. */
    public static Reply send(String method, String path, String json, String bearerToken, Long ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Browsers.url(path)))
                .timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", Browsers.randomAddress())
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        if (ifMatch != null) {
            request.header("If-Match", "\"" + ifMatch + "\"");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
