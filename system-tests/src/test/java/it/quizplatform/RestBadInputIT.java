package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every REST endpoint that takes input, fed what a careless or hostile client sends: wrong types, numbers that
 * would wrap, NUL and unpaired surrogates, duplicate, unknown and missing fields, trailing text, deep nesting,
 * invalid UTF-8, garbage content types, over-long and foreign ids, odd paths. Each case must get a 4xx
 * {@code application/problem+json} naming the field where there is one, with no Java class, stack or SQL text in
 * it, and write nothing (no user, no event, no game; checked in the databases).
 */
public class RestBadInputIT {

    /** Words that would mean internals leaked into an answer. */
    static final List<String> LEAKS = List.of("io.quizplatform", "java.", "jakarta.", "org.eclipse", "org.jboss",
            "Exception", "\tat ", "SQLState", "PSQL", "org.postgresql", "ERROR: ", "SRVE", "CWW", "RESTEASY", "<html", "<HTML");

    private static String host;
    private static String hostId;
    private static String otherHost;
    private static String quizId;
    private static String questionId;
    private static String etag;
    private static String publishedQuizId;
    private static String gameId;
    private static String pin;
    private static String othersDraft;
    private static Connection userDb;
    private static Connection quizDb;

    @BeforeAll
    static void world() throws SQLException {
        host = Platform.registerAndLogin(Platform.uniqueEmail("strict"), "Strict Host");
        hostId = Platform.get("/user/api/me", host).json().get("id").asText();
        otherHost = Platform.registerAndLogin(Platform.uniqueEmail("other-strict"), "Other Host");
        quizId = QuizAuthoringIT.create(host, "Strict").get("id").asText();
        Platform.Reply added = QuizAuthoringIT.send("POST", "/quiz/api/quizzes/" + quizId + "/questions",
                QuizAuthoringIT.SINGLE, host, "\"1\"");
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        questionId = added.json().get("questions").get(0).get("id").asText();
        etag = QuizAuthoringIT.etag(added);

        publishedQuizId = QuizAuthoringIT.published(host, "Strict published", QuizAuthoringIT.SINGLE);
        Platform.Reply game = QuizAuthoringIT.send("POST", "/quiz/api/games",
                "{\"quizId\":\"" + publishedQuizId + "\",\"lateJoinAllowed\":true}", host, null);
        assertThat(game.status()).as(game.body()).isEqualTo(201);
        gameId = game.json().get("id").asText();
        pin = game.json().get("pin").asText();
        othersDraft = QuizAuthoringIT.create(otherHost, "Not yours").get("id").asText();

        userDb = Platform.database("USER");
        quizDb = Platform.database("QUIZ");
    }

    @AfterAll
    static void close() throws SQLException {
        if (userDb != null) {
            userDb.close();
        }
        if (quizDb != null) {
            quizDb.close();
        }
    }

    // --- the cases ---------------------------------------------------------------------------------------------

    /** Who sends a request: nobody (public endpoints) or the host of the test's quizzes. */
    enum Caller { NOBODY, HOST }

    /**
     * An endpoint that takes a JSON body: a valid body to spoil, and the paths of its text, integer and boolean
     * fields (as the error names them).
     */
    record Endpoint(String name, String method, String path, Caller caller, String validBody,
                    List<String> texts, List<String> integers, List<String> booleans) {
    }

    /** One bad request and what it must get. {@code field} is the field the problem must name (null: none). */
    record Case(String name, String method, String path, Caller caller, String contentType, byte[] body,
                int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String QUESTION = "{\"type\":\"single-choice\",\"text\":\"Capital of Spain?\",\"timeLimitSeconds\":20,"
            + "\"points\":1000,\"options\":[{\"text\":\"Madrid\",\"correct\":true},{\"text\":\"Seville\",\"correct\":false}]}";

    /**
     * A valid address of 254 characters as sent (the most a body may give) that is 318 once lower-cased: each
     * {@code İ} (U+0130) becomes {@code i} and a combining dot. More than an account's column holds.
     */
    static final String DOTTED_CAPITALS_EMAIL = "\u0130".repeat(64) + "@" + "a".repeat(63) + "." + "b".repeat(63) + "."
            + "c".repeat(57) + ".com";

    static List<Endpoint> endpoints() {
        List<String> questionTexts = List.of("type", "text", "options[0].text");
        List<String> questionInts = List.of("timeLimitSeconds", "points");
        return List.of(
                new Endpoint("register", "POST", "/user/api/users", Caller.NOBODY,
                        "{\"email\":\"strict@example.com\",\"displayName\":\"Strict\",\"password\":\"correct horse battery staple\"}",
                        List.of("email", "displayName", "password"), List.of(), List.of()),
                new Endpoint("login", "POST", "/user/api/sessions", Caller.NOBODY,
                        "{\"email\":\"strict@example.com\",\"password\":\"correct horse battery staple\"}",
                        List.of("email", "password"), List.of(), List.of()),
                new Endpoint("rename", "PATCH", "/user/api/me", Caller.HOST, "{\"displayName\":\"Renamed\"}",
                        List.of("displayName"), List.of(), List.of()),
                new Endpoint("change password", "PUT", "/user/api/me/password", Caller.HOST,
                        "{\"currentPassword\":\"wrong but long enough\",\"newPassword\":\"another horse battery staple\"}",
                        List.of("currentPassword", "newPassword"), List.of(), List.of()),
                new Endpoint("create quiz", "POST", "/quiz/api/quizzes", Caller.HOST,
                        "{\"title\":\"T\",\"description\":\"D\",\"settings\":{\"speedScoring\":true,\"streakBonus\":true}}",
                        List.of("title", "description"), List.of(), List.of("settings.speedScoring", "settings.streakBonus")),
                new Endpoint("change quiz", "PATCH", "/quiz/api/quizzes/{quiz}", Caller.HOST,
                        "{\"title\":\"T\",\"description\":\"D\",\"settings\":{\"speedScoring\":true,\"streakBonus\":true}}",
                        List.of("title", "description"), List.of(), List.of("settings.speedScoring", "settings.streakBonus")),
                new Endpoint("add question", "POST", "/quiz/api/quizzes/{quiz}/questions", Caller.HOST, QUESTION,
                        questionTexts, questionInts, List.of("options[0].correct")),
                new Endpoint("edit question", "PUT", "/quiz/api/quizzes/{quiz}/questions/{question}", Caller.HOST, QUESTION,
                        questionTexts, questionInts, List.of("options[1].correct")),
                new Endpoint("reorder", "PUT", "/quiz/api/quizzes/{quiz}/question-order", Caller.HOST,
                        "{\"questionIds\":[\"{question}\"]}", List.of("questionIds[0]"), List.of(), List.of()),
                new Endpoint("import", "POST", "/quiz/api/quizzes/import", Caller.HOST,
                        "{\"title\":\"Imported\",\"description\":\"D\",\"settings\":{\"speedScoring\":true,\"streakBonus\":false},"
                                + "\"questions\":[" + QUESTION + "]}",
                        List.of("title", "questions[0].text", "questions[0].options[0].text"),
                        List.of("questions[0].points", "questions[0].timeLimitSeconds"), List.of("settings.streakBonus")),
                new Endpoint("create game", "POST", "/quiz/api/games", Caller.HOST,
                        "{\"quizId\":\"{published}\",\"lateJoinAllowed\":false}", List.of("quizId"), List.of(), List.of("lateJoinAllowed")),
                new Endpoint("join", "POST", "/quiz/api/games/players", Caller.NOBODY,
                        "{\"pin\":\"{pin}\",\"nickname\":\"Strict Player\"}", List.of("pin", "nickname"), List.of(), List.of()));
    }

    static Stream<Case> badBodies() {
        List<Case> cases = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            String valid = e.validBody();
            String first = parse(valid).fieldNames().next();
            cases.add(bad(e, "trailing text", valid + " trailing", "body"));
            cases.add(bad(e, "a second document", valid + valid, "body"));
            cases.add(bad(e, "duplicate key", "{\"" + first + "\":" + parse(valid).get(first) + "," + valid.substring(1), first));
            cases.add(bad(e, "unknown field", "{\"unexpected\":1," + valid.substring(1), "unexpected"));
            cases.add(bad(e, "an array for the body", "[" + valid + "]", "body"));
            cases.add(bad(e, "a string for the body", "\"text\"", "body"));
            cases.add(bad(e, "null for the body", "null", null));
            cases.add(bad(e, "an empty body", "", null));
            cases.add(bad(e, "unterminated JSON", valid.substring(0, valid.length() / 2), "body"));
            cases.add(bad(e, "single quotes", valid.replace('"', '\''), "body"));
            cases.add(new Case(e.name() + ": invalid UTF-8", e.method(), e.path(), e.caller(), "application/json",
                    concat(valid.substring(0, valid.length() - 1).getBytes(StandardCharsets.UTF_8),
                            new byte[] {',', '"', 'x', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}), 400, "body"));
            cases.add(bad(e, "40 levels deep", "{\"" + first + "\":" + "[".repeat(40) + "]".repeat(40) + "}", null));
            cases.add(bad(e, "1000 levels deep", "{\"" + first + "\":" + "{\"a\":".repeat(1000) + "1" + "}".repeat(1000) + "}", null));
            cases.add(new Case(e.name() + ": garbage Content-Type", e.method(), e.path(), e.caller(), "garbage;;=",
                    valid.getBytes(StandardCharsets.UTF_8), 415, "Content-Type"));
            cases.add(new Case(e.name() + ": text/plain", e.method(), e.path(), e.caller(), "text/plain",
                    valid.getBytes(StandardCharsets.UTF_8), 415, null));
            for (String text : e.texts()) {
                cases.add(bad(e, text + " with NUL", spoil(valid, text, "\"a\\u0000b\""), text));
                cases.add(bad(e, text + " with a lone surrogate", spoil(valid, text, "\"a\\ud800b\""), text));
                cases.add(bad(e, text + " as a number", spoil(valid, text, "5"), text));
            }
            for (String integer : e.integers()) {
                cases.add(bad(e, integer + " wrapping past 2^32", spoil(valid, integer, "4294968296"), integer));
                cases.add(bad(e, integer + " 1e300", spoil(valid, integer, "1e300"), integer));
                cases.add(bad(e, integer + " 1e2147483647", spoil(valid, integer, "1e2147483647"), integer));
                cases.add(bad(e, integer + " as a string", spoil(valid, integer, "\"20\""), integer));
                cases.add(bad(e, integer + " with a fraction", spoil(valid, integer, "20.5"), integer));
                // A whole value is not enough: an integer is written without fraction or exponent, as on the socket.
                cases.add(bad(e, integer + " as 20.0", spoil(valid, integer, "20.0"), integer));
                cases.add(bad(e, integer + " as 2E1", spoil(valid, integer, "2E1"), integer));
            }
            for (String bool : e.booleans()) {
                cases.add(bad(e, bool + " as \"maybe\"", spoil(valid, bool, "\"maybe\""), bool));
                cases.add(bad(e, bool + " as 2", spoil(valid, bool, "2"), bool));
            }
            // A number or a switch left out is not 0 or false: a question without points was saved as worth 0, a
            // quiz with one of its two settings given had the other switched off.
            for (String field : e.integers()) {
                cases.add(bad(e, field + " left out", leaveOut(valid, field), field));
            }
            for (String field : e.booleans()) {
                if (!field.equals("lateJoinAllowed")) { // optional: left out, the game takes the quiz's default
                    cases.add(bad(e, field + " left out", leaveOut(valid, field), field));
                }
            }
        }
        Endpoint create = endpoints().get(4);
        cases.add(bad(create, "unknown setting", "{\"title\":\"T\",\"settings\":{\"speedBonus\":true}}", "settings.speedBonus"));
        cases.add(bad(create, "settings as a string", "{\"title\":\"T\",\"settings\":\"on\"}", "settings"));
        cases.add(bad(create, "title too long", "{\"title\":\"" + "x".repeat(121) + "\"}", "title"));
        cases.add(bad(create, "missing title", "{\"description\":\"D\"}", "title"));
        Endpoint importing = endpoints().get(9);
        cases.add(bad(importing, "unknown option field", importing.validBody().replace("\"correct\":true", "\"correct\":true,\"evil\":1"),
                "questions[0].options[0].evil"));
        cases.add(bad(importing, "a 10,000-character question id",
                importing.validBody().replace("\"type\":", "\"id\":\"" + "q".repeat(10_000) + "\",\"type\":"), "questions[0].id"));
        cases.add(bad(importing, "a 10,000-character option id",
                importing.validBody().replace("{\"text\":\"Madrid\"", "{\"id\":\"" + "o".repeat(10_000) + "\",\"text\":\"Madrid\""),
                "questions[0].options[0].id"));
        cases.add(bad(importing, "questions as an object", "{\"title\":\"T\",\"questions\":{}}", "questions"));
        cases.add(bad(importing, "a question as a number", "{\"title\":\"T\",\"questions\":[7]}", "questions[0]"));
        cases.add(bad(importing, "a question as null", "{\"title\":\"T\",\"questions\":[null]}", "questions[0]"));
        cases.add(bad(importing, "101 questions", "{\"title\":\"T\",\"questions\":["
                + String.join(",", Collections.nCopies(101, QUESTION)) + "]}", "questions"));
        // Values are counted while the body is read: a million of them stop at the limit, not after filling the heap.
        cases.add(bad(importing, "a million numbers as questions",
                "{\"title\":\"T\",\"questions\":[" + "0,".repeat(999_999) + "0]}", "questions"));
        cases.add(bad(endpoints().get(8), "100,000 numbers as question ids",
                "{\"questionIds\":[" + "0,".repeat(99_999) + "0]}", "questionIds"));
        Endpoint adding = endpoints().get(6);
        cases.add(bad(adding, "points 1000.0", adding.validBody().replace("\"points\":1000", "\"points\":1000.5"), "points"));
        cases.add(bad(adding, "points 1000.000", adding.validBody().replace("\"points\":1000", "\"points\":1000.000"), "points"));
        cases.add(bad(adding, "points 1E3", adding.validBody().replace("\"points\":1000", "\"points\":1E3"), "points"));
        cases.add(bad(adding, "points -4294966296", adding.validBody().replace("\"points\":1000", "\"points\":-4294966296"), "points"));
        cases.add(bad(adding, "time limit 4294967316", adding.validBody().replace("\"timeLimitSeconds\":20", "\"timeLimitSeconds\":4294967316"),
                "timeLimitSeconds"));
        cases.add(bad(adding, "an option as null", adding.validBody().replace("\"options\":[", "\"options\":[null,"), "options[0]"));
        cases.add(bad(adding, "an accepted answer as null", "{\"type\":\"type-answer\",\"text\":\"Q\",\"timeLimitSeconds\":20,"
                + "\"points\":1000,\"acceptedAnswers\":[null]}", "acceptedAnswers[0]"));
        cases.add(bad(adding, "options as a string", adding.validBody().replace("\"options\":[", "\"options\":\"x\",\"o\":["), "options"));
        Endpoint join = endpoints().get(11);
        cases.add(bad(join, "a number as the nickname", "{\"pin\":\"{pin}\",\"nickname\":12345}", "nickname"));
        cases.add(bad(join, "a number as the pin", "{\"pin\":123456,\"nickname\":\"N\"}", "pin"));
        cases.add(bad(join, "a 200,000-digit pin", "{\"pin\":\"" + "7".repeat(200_000) + "\",\"nickname\":\"N\"}", "pin"));
        cases.add(bad(join, "a pin in fullwidth digits", "{\"pin\":\"\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\",\"nickname\":\"N\"}", "pin"));
        cases.add(bad(join, "a 100,000-character nickname", "{\"pin\":\"{pin}\",\"nickname\":\"" + "n".repeat(100_000) + "\"}",
                "nickname"));
        Endpoint register = endpoints().get(0);
        cases.add(bad(register, "a number as the password",
                "{\"email\":\"n@example.com\",\"displayName\":\"N\",\"password\":123456789012}", "password"));
        cases.add(bad(register, "an e-mail that lower-casing makes longer than 254",
                "{\"email\":\"" + DOTTED_CAPITALS_EMAIL + "\",\"displayName\":\"N\",\"password\":\"correct horse battery staple\"}",
                "email"));
        cases.add(bad(endpoints().get(1), "an e-mail that lower-casing makes longer than 254",
                "{\"email\":\"" + DOTTED_CAPITALS_EMAIL + "\",\"password\":\"correct horse battery staple\"}", "email"));
        return cases.stream();
    }

    /** Query and path parameters, foreign and odd ids. */
    static Stream<Case> badParameters() {
        String quizzes = "/quiz/api/quizzes";
        String longId = "a".repeat(10_000);
        return Stream.of(
                get("search with NUL", quizzes + "?q=%00", 400, "q"),
                get("search with a lone surrogate", quizzes + "?q=%ED%A0%80", 400, "q"),
                get("search with invalid UTF-8", quizzes + "?q=%C3%28", 400, "q"),
                get("search with a truncated UTF-8 sequence", quizzes + "?q=%E2%82", 400, "q"),
                get("search too long", quizzes + "?q=" + "x".repeat(121), 400, "q"),
                get("unknown scope", quizzes + "?scope=everything", 400, "scope"),
                get("page not a number", quizzes + "?page=abc", 400, "page"),
                get("size 1e3", quizzes + "?size=1e3", 400, "size"),
                get("page wrapping past 2^32", quizzes + "?page=4294967296", 400, "page"),
                get("size over 100", quizzes + "?size=101", 400, "size"),
                get("negative page", quizzes + "?page=-1", 400, "page"),
                get("page with a plus", quizzes + "?page=%2B1", 400, "page"),
                get("page with a leading zero", quizzes + "?page=01", 400, "page"),
                get("page in Arabic-Indic digits", quizzes + "?page=%D9%A3", 400, "page"),
                get("past games' size with a plus", "/quiz/api/games?size=%2B5", 400, "size"),
                get("leaderboard limit with a plus", "/scoring/api/games/{game}/leaderboard?limit=%2B10", 400, "limit"),
                // A parameter is one the request takes, given once: a typo gave the default, a second value went unread.
                get("a misspelt size", quizzes + "?sise=5", 400, "sise"),
                get("size given twice", quizzes + "?size=1&size=2", 400, "size"),
                get("leaderboard limit given twice, the second not a number", "/scoring/api/games/{game}/leaderboard?limit=10&limit=abc",
                        400, "limit"),
                get("a parameter of a request that takes none", "/quiz/api/games/{game}?scope=all", 400, "scope"),
                new Case("a body on a publish, which takes none", "POST", quizzes + "/{quiz}/publish", Caller.HOST,
                        "application/json", "{\"force\":true}".getBytes(StandardCharsets.UTF_8), 400, "body"),
                new Case("a query parameter on a login", "POST", "/user/api/sessions?remember=true", Caller.NOBODY, "application/json",
                        "{\"email\":\"strict@example.com\",\"password\":\"correct horse battery staple\"}"
                                .getBytes(StandardCharsets.UTF_8), 400, "remember"),
                // Spellings UUID.fromString takes for an existing id (each was 200 before ids were strict).
                get("the host's own quiz id with a fullwidth digit", quizzes + "/{quiz-fullwidth}", 404, null),
                get("the game's id with a fullwidth digit", "/quiz/api/games/{game-fullwidth}", 400, "id"),
                get("the game's id spelt with short groups", "/quiz/api/games/1-1-1-1-1", 400, "id"),
                get("the game's leaderboard, its id with a fullwidth digit", "/scoring/api/games/{game-fullwidth}/leaderboard",
                        400, "gameId"),
                get("a 10,000-character quiz id", quizzes + "/" + longId, 400, "id"),
                get("a quiz id that is not a UUID", quizzes + "/not-a-uuid", 404, null),
                get("someone else's draft", quizzes + "/{others}", 404, null),
                get("someone else's draft history", quizzes + "/{others}/history", 404, null),
                get("a 10,000-character game id", "/quiz/api/games/" + longId, 400, "id"),
                get("a game id that is not a UUID", "/quiz/api/games/xyz", 400, "id"),
                get("a 10,000-character host id", "/quiz/api/hosts/" + longId, 400, "hostId"),
                get("a host id that is not a UUID", "/quiz/api/hosts/not-a-uuid", 400, "hostId"),
                get("leaderboard of a 10,000-character game", "/scoring/api/games/" + longId + "/leaderboard", 400, "gameId"),
                get("leaderboard limit with NUL", "/scoring/api/games/{game}/leaderboard?limit=1%000", 400, "limit"),
                get("a 10,000-character player id", "/scoring/api/games/{game}/leaderboard/players/" + longId, 400, "playerId"),
                get("a 65-character player id", "/scoring/api/games/{game}/leaderboard/players/" + "p".repeat(65), 400, "playerId"),
                // Liberty refuses a path that is not UTF-8 before the service sees it; the service's error page answers.
                get("report of a game id with a lone surrogate", "/scoring/api/games/%ED%A0%80/report", 400, null),
                new Case("change someone else's draft", "PATCH", quizzes + "/{others}", Caller.HOST, "application/json",
                        "{\"title\":\"Mine now\"}".getBytes(StandardCharsets.UTF_8), 404, null),
                new Case("add a question to someone else's draft", "POST", quizzes + "/{others}/questions", Caller.HOST,
                        "application/json", QUESTION.getBytes(StandardCharsets.UTF_8), 404, null),
                new Case("publish someone else's draft", "POST", quizzes + "/{others}/publish", Caller.HOST, null, null, 404, null),
                new Case("a game of someone else's draft", "POST", "/quiz/api/games", Caller.HOST, "application/json",
                        "{\"quizId\":\"{others}\"}".getBytes(StandardCharsets.UTF_8), 404, null),
                new Case("kick with a 10,000-character player id", "DELETE", "/quiz/api/games/{game}/players/" + longId,
                        Caller.HOST, null, null, 400, "playerId"),
                new Case("a wrong method", "DELETE", quizzes, Caller.HOST, null, null, 405, null));
    }

    static Case get(String name, String path, int status, String field) {
        return new Case(name, "GET", path, Caller.HOST, null, null, status, field);
    }

    static Case bad(Endpoint e, String what, String body, String field) {
        return new Case(e.name() + ": " + what, e.method(), e.path(), e.caller(), "application/json",
                body.getBytes(StandardCharsets.UTF_8), 400, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"badBodies", "badParameters"})
    void badInputIsAProblemThatNamesTheFieldAndWritesNothing(Case c) throws SQLException {
        Writes before = writes();

        Platform.Reply reply = send(c);

        assertThat(reply.status()).as(c.name() + " -> " + reply.body()).isEqualTo(c.status());
        assertThat(reply.contentType()).as(c.name() + " -> " + reply.body()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("status").asInt()).isEqualTo(c.status());
        assertLeaksNothing(reply.body());
        if (c.field() != null) {
            assertThat(problem.get("errors").findValuesAsText("field")).as(reply.body()).contains(c.field());
        }
        // Every field error carries its rule's code beside the message, for programs and translations.
        assertThat(problem.path("errors")).as(reply.body())
                .allSatisfy(e -> assertThat(e.path("code").asText()).matches("[a-z0-9]+(-[a-z0-9]+)*"));
        assertThat(writes()).as("nothing written by " + c.name()).isEqualTo(before);
    }

    /**
     * A malformed PIN is refused before the join limits count it: their counters are keyed by the PIN, so a PIN of any
     * length was stored in Redis for a minute.
     */
    @Test
    void aMalformedPinIsRefusedBeforeTheJoinLimitsCountIt() throws IOException {
        String sevenDigits = "2718281";

        Platform.Reply reply = Platform.postJson("/quiz/api/games/players", "{\"pin\":\"" + sevenDigits + "\",\"nickname\":\"Seven\"}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().get("errors").findValuesAsText("field")).containsExactly("pin");
        assertThat(Platform.redis("KEYS", "rate:*:" + sevenDigits)).as("the PIN's counter").isEqualTo("*0");
    }

    /** The Idempotency-Key is stored with the change's events: visible ASCII only, like the UUID a client sends. */
    @ParameterizedTest(name = "Idempotency-Key \"{0}\"")
    @ValueSource(strings = {"with a space", "with\ta tab"})
    void anIdempotencyKeyWithBlanksIsRefusedAndWritesNothing(String key) throws SQLException {
        Writes before = writes();

        Platform.Reply reply = Platform.send(Platform.request("/quiz/api/quizzes/" + quizId)
                .header("Authorization", "Bearer " + host).header("Content-Type", "application/json")
                .header("If-Match", etag).header("Idempotency-Key", key)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(RENAME)));

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("errors").findValuesAsText("field")).containsExactly("Idempotency-Key");
        assertLeaksNothing(reply.body());
        assertThat(writes()).as("nothing written under the key " + key).isEqualTo(before);
    }

    /** If-Match is the quiz's ETag as given: another spelling is a problem naming the header, and nothing is written. */
    @ParameterizedTest(name = "If-Match {0}")
    @ValueSource(strings = {"3", "\"03\"", "\"3", "\"+3\"", "\"\""})
    void aMalformedIfMatchIsRefusedNamingItAndWritesNothing(String ifMatch) throws SQLException {
        Writes before = writes();

        Platform.Reply reply = Platform.send(Platform.request("/quiz/api/quizzes/" + quizId)
                .header("Authorization", "Bearer " + host).header("Content-Type", "application/json")
                .header("If-Match", ifMatch).method("PATCH", HttpRequest.BodyPublishers.ofString(RENAME)));

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("errors").findValuesAsText("field")).containsExactly("If-Match");
        assertLeaksNothing(reply.body());
        assertThat(writes()).as("nothing written for If-Match " + ifMatch).isEqualTo(before);
    }

    /**
     * Java's client sends a non-ASCII header as '?', so these are written byte for byte: {@code é} as one Latin-1 byte
     * and as its two UTF-8 bytes.
     */
    @Test
    void anIdempotencyKeyBeyondAsciiIsRefusedAndWritesNothing() throws SQLException, IOException {
        for (byte[] key : List.of(new byte[] {'c', 'a', 'f', (byte) 0xE9}, "caf\u00e9".getBytes(StandardCharsets.UTF_8))) {
            Writes before = writes();

            String answer = rawPatch("/quiz/api/quizzes/" + quizId, key, RENAME);

            assertThat(answer).as(answer).startsWith("HTTP/1.1 400 ").contains("application/problem+json")
                    .contains("\"field\":\"Idempotency-Key\"");
            assertLeaksNothing(answer);
            assertThat(writes()).as("nothing written under a key of %d bytes", key.length).isEqualTo(before);
        }
    }

    static final String RENAME = "{\"title\":\"Renamed under a bad key\"}";

    /** A PATCH by the host with If-Match, written on a socket with the Idempotency-Key's bytes as given; the whole answer. */
    static String rawPatch(String path, byte[] idempotencyKey, String json) throws IOException {
        URI base = URI.create(Platform.baseUrl());
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("PATCH " + path + " HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nConnection: close\r\n"
                + "Authorization: Bearer " + host + "\r\nContent-Type: application/json\r\nIf-Match: " + etag + "\r\n"
                + "Content-Length: " + body.length + "\r\nIdempotency-Key: ").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(idempotencyKey);
        request.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(body);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.toByteArray());
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // --- the edges outside the resources ------------------------------------------------------------------------

    @Test
    void aChunkedBodyOverTheLimitIs413AndOneWithinItIsRead() throws SQLException {
        Writes before = writes();
        byte[] huge = Platform.registrationJson(Platform.uniqueEmail("chunked"), "x".repeat(400_000)).getBytes(StandardCharsets.UTF_8);
        Platform.Reply tooLarge = Platform.send(Platform.request("/user/api/users").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))));
        assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(413);
        assertThat(tooLarge.contentType()).startsWith("application/problem+json");
        assertLeaksNothing(tooLarge.body());
        assertThat(writes()).isEqualTo(before);

        byte[] fine = Platform.registrationJson(Platform.uniqueEmail("chunked"), "Chunked").getBytes(StandardCharsets.UTF_8);
        Platform.Reply registered = Platform.send(Platform.request("/user/api/users").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(fine))));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }

    /**
     * A weight in Accept that is not a quality value (0 to 1) is a 400 naming the header, at every service and before
     * anything is written: RESTEasy threw on it, and the exception was a 500 with an incident. So is a range that is
     * no media type (RESTEasy's own 400 for it named nothing).
     */
    @Test
    void anAcceptHeaderWithAWeightThatIsNoNumberIsA400NamingIt() throws SQLException {
        Writes before = writes();
        for (String accept : List.of("text/html;q=abc", "application/json;q=", "application/json;q=0.5x", "text/html;q=\"abc\"",
                "garbage", "*/*;q=0.5, garbage")) {
            for (String path : List.of("/user/api/users", "/quiz/api/games/players", "/scoring/api/caller", "/quiz/api/quizzes")) {
                Platform.Reply reply = Platform.send(Platform.request(path).header("Content-Type", "application/json")
                        .header("Accept", accept).header("Authorization", "Bearer " + host)
                        .POST(HttpRequest.BodyPublishers.ofString(Platform.registrationJson(Platform.uniqueEmail("accept"), "Accept"))));
                assertThat(reply.status()).as(accept + " " + path + ": " + reply.body()).isEqualTo(400);
                assertThat(reply.contentType()).startsWith("application/problem+json");
                assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("Accept");
                assertLeaksNothing(reply.body());
            }
        }
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    void everyAnswerOfEveryServiceCarriesTheSecurityHeaders() {
        for (String path : List.of("/user/api/jwks", "/user/api/no-such-thing", "/quiz/api/no-such-thing",
                "/answer/api/no-such-thing", "/scoring/api/no-such-thing", "/quiz/api/quizzes")) {
            HttpResponse<String> response = raw(Platform.request(path).GET());
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(response.headers().firstValue("Content-Security-Policy").orElse("")).as(path).contains("frame-ancestors 'none'");
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(response.headers().firstValue("Strict-Transport-Security")).as(path + " over plain HTTP").isEmpty();
            assertThat(response.headers().firstValue("X-Powered-By")).as(path).isEmpty();
        }
        for (String service : List.of("user", "quiz", "answer", "scoring")) {
            HttpResponse<String> authenticated = raw(Platform.request("/" + service + "/api/caller")
                    .header("Authorization", "Bearer " + host).GET());
            assertThat(authenticated.statusCode()).isEqualTo(200);
            assertThat(authenticated.headers().firstValue("Cache-Control").orElse("")).as(service).contains("no-store");
            assertThat(authenticated.headers().firstValue("X-Content-Type-Options")).as(service).contains("nosniff");
        }
        HttpResponse<String> behindTls = raw(Platform.requestFrom("203.0.113.9", "/quiz/api/no-such-thing")
                .header("X-Forwarded-Proto", "https").GET());
        assertThat(behindTls.headers().firstValue("Strict-Transport-Security").orElse("")).contains("max-age=");
    }

    @Test
    void oddPathsInsideAServiceAreProblems() {
        for (String path : List.of("/quiz/api/quizzes/a%2Fb", "/quiz/api/quizzes/%2e%2e", "/quiz/api/%2e%2e/%2e%2e/user/api/jwks",
                "/user/api/users/%2e%2e%2f%2e%2e", "/scoring/api/games/a%5Cb/report")) {
            Platform.Reply reply = Platform.send(Platform.request(path).header("Authorization", "Bearer " + host).GET());
            assertThat(reply.status()).as(path + " -> " + reply.body()).isBetween(400, 404);
            assertThat(reply.contentType()).as(path + " -> " + reply.body()).startsWith("application/problem+json");
            assertLeaksNothing(reply.body());
        }
    }

    /**
     * Paths that no service owns, or that Liberty refuses before choosing one (an encoded NUL), are answered by
     * the server itself: not problem+json, but without exception text, class names or a server version.
     */
    @Test
    void pathsNoServiceOwnsLeakNothing() {
        for (String path : List.of("/nope", "/health/nope", "/quiz/api/quizzes/%00", "/quiz%00/api", "/%2e%2e/%2e%2e/etc/passwd")) {
            HttpResponse<String> response = raw(Platform.request(path).GET());
            assertThat(response.statusCode()).as(path + " -> " + response.body()).isBetween(400, 404);
            assertThat(response.headers().firstValue("Server")).as(path).isEmpty();
            assertThat(response.headers().firstValue("X-Powered-By")).as(path).isEmpty();
            for (String leak : List.of("Exception", "\tat ", "io.quizplatform", "java.", "SRVE")) {
                assertThat(response.body()).as(path + " -> " + response.body()).doesNotContain(leak);
            }
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    static void assertLeaksNothing(String body) {
        for (String leak : LEAKS) {
            assertThat(body).as("leaks '" + leak + "': " + body).doesNotContain(leak);
        }
    }

    /** What a refused request must not have changed: accounts, the host's account, its events and games, the game. */
    record Writes(long users, long hostVersion, long hostEvents, long hostGames, long gameEvents) {
    }

    static Writes writes() throws SQLException {
        return new Writes(
                count(userDb, "SELECT count(*) FROM users"),
                count(userDb, "SELECT version FROM users WHERE id = ?::uuid", hostId),
                count(quizDb, "SELECT count(*) FROM event_store WHERE actor_id = ?", hostId),
                count(quizDb, "SELECT count(*) FROM live_games WHERE host_id = ?", hostId),
                count(quizDb, "SELECT count(*) FROM event_store WHERE aggregate_id = ?::uuid", gameId));
    }

    static long count(Connection db, String sql, Object... params) throws SQLException {
        try (var statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static Platform.Reply send(Case c) {
        HttpRequest.Builder request = Platform.request(resolve(c.path()));
        if (c.caller() == Caller.HOST) {
            request.header("Authorization", "Bearer " + host);
        }
        if (c.contentType() != null) {
            request.header("Content-Type", c.contentType());
        }
        if (c.path().startsWith("/quiz/api/quizzes/{quiz}")) {
            request.header("If-Match", etag);
        } else if (c.path().startsWith("/quiz/api/quizzes/{others}")) {
            request.header("If-Match", "\"1\"");
        }
        byte[] body = c.body() == null ? null : resolve(new String(c.body(), StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1);
        request.method(c.method(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return Platform.send(request);
    }

    static HttpResponse<String> raw(HttpRequest.Builder request) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String resolve(String template) {
        return template.replace("{quiz}", quizId).replace("{question}", questionId).replace("{published}", publishedQuizId)
                .replace("{pin}", pin).replace("{game}", gameId).replace("{others}", othersDraft)
                .replace("{quiz-fullwidth}", fullwidthDigit(quizId)).replace("{game-fullwidth}", fullwidthDigit(gameId));
    }

    /** The id with its first digit in fullwidth form (U+FF10 to U+FF19), percent-encoded for a path. */
    private static String fullwidthDigit(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c >= '0' && c <= '9') {
                String fullwidth = String.valueOf((char) ('\uFF10' + (c - '0')));
                return id.substring(0, i) + URLEncoder.encode(fullwidth, StandardCharsets.UTF_8) + id.substring(i + 1);
            }
        }
        throw new IllegalArgumentException("no digit in " + id);
    }

    /** The valid body with the value at {@code path} (like {@code questions[0].points}) replaced by raw JSON text. */
    static String spoil(String valid, String path, String rawValue) {
        String marker = "@@SPOILED@@";
        ObjectNode root = parse(valid);
        JsonNode parent = root;
        String[] steps = path.split("\\.");
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            String name = step.contains("[") ? step.substring(0, step.indexOf('[')) : step;
            Integer index = step.contains("[") ? Integer.valueOf(step.substring(step.indexOf('[') + 1, step.indexOf(']'))) : null;
            boolean last = i == steps.length - 1;
            if (last && index == null) {
                ((ObjectNode) parent).put(name, marker);
            } else if (last) {
                ((ArrayNode) parent.get(name)).set(index, JsonNodeFactory.instance.textNode(marker));
            } else {
                parent = index == null ? parent.get(name) : parent.get(name).get(index);
            }
        }
        return root.toString().replace("\"" + marker + "\"", rawValue);
    }

    /** The body without the member at that path (as {@link #spoil} names it). */
    static String leaveOut(String valid, String path) {
        ObjectNode root = parse(valid);
        JsonNode parent = root;
        String[] steps = path.split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            String step = steps[i];
            String name = step.contains("[") ? step.substring(0, step.indexOf('[')) : step;
            parent = step.contains("[")
                    ? parent.get(name).get(Integer.parseInt(step.substring(step.indexOf('[') + 1, step.indexOf(']'))))
                    : parent.get(name);
        }
        ((ObjectNode) parent).remove(steps[steps.length - 1]);
        return root.toString();
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Platform.JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
