package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quizplatform.contracts.ContractValidator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;
import org.microshed.testing.kafka.KafkaConsumerClient;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quiz authoring on the event store, through the REST API: every question type, ETag/If-Match concurrency,
 * idempotent retries, ownership, bad input, the outbox to quiz-events, export/import and the replay.
 */
@MicroShedTest
public class QuizAuthoringIT {

    @KafkaConsumerClient(groupId = "it-quiz-authoring", topics = "quiz-events",
            keyDeserializer = StringDeserializer.class, valueDeserializer = StringDeserializer.class,
            properties = "auto.offset.reset=earliest")
    public static KafkaConsumer<String, String> quizEvents;

    private static String host;
    private static String otherHost;

    @BeforeAll
    static void hosts() {
        host = Platform.registerAndLogin(Platform.uniqueEmail("author"), "Quiz Author");
        otherHost = Platform.registerAndLogin(Platform.uniqueEmail("other"), "Other Host");
    }

    static final String SINGLE = "{\"type\":\"single-choice\",\"text\":\"Capital of France?\",\"timeLimitSeconds\":20,\"points\":1000,"
            + "\"options\":[{\"text\":\"Paris\",\"correct\":true},{\"text\":\"Lyon\",\"correct\":false}]}";
    static final String MULTIPLE = "{\"type\":\"multiple-choice\",\"text\":\"Primes?\",\"timeLimitSeconds\":30,"
            + "\"points\":2000,\"options\":[{\"text\":\"2\",\"correct\":true},{\"text\":\"3\",\"correct\":true},{\"text\":\"4\",\"correct\":false}]}";
    static final String TRUE_FALSE = "{\"type\":\"true-false\",\"text\":\"The sky is green.\",\"timeLimitSeconds\":10,\"points\":1000,"
            + "\"options\":[{\"text\":\"True\",\"correct\":false},{\"text\":\"False\",\"correct\":true}]}";
    static final String TYPE_ANSWER = "{\"type\":\"type-answer\",\"text\":\"Largest ocean?\",\"timeLimitSeconds\":30,\"points\":1000,"
            + "\"acceptedAnswers\":[\"Pacific\",\"Pacific Ocean\"]}";
    static final String POLL = "{\"type\":\"poll\",\"text\":\"Tea or coffee?\",\"timeLimitSeconds\":15,\"points\":0,"
            + "\"options\":[{\"text\":\"Tea\",\"correct\":false},{\"text\":\"Coffee\",\"correct\":false}]}";

    static Platform.Reply send(String method, String path, String body, String token, String ifMatch) {
        HttpRequest.Builder b = Platform.request(path).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return Platform.send(b);
    }

    static String etag(Platform.Reply reply) {
        return "\"" + reply.json().get("version").asLong() + "\"";
    }

    static JsonNode create(String token, String title) {
        Platform.Reply created = send("POST", "/quiz/api/quizzes", "{\"title\":\"" + title + "\",\"description\":\"d\"}", token, null);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    /**
     * A published quiz of the given questions (in order), written by the token's host; returns its id. The set-up of
     * every test that plays a game.
     */
    static String published(String token, String title, String... questions) {
        String quizId = create(token, title).get("id").asText();
        for (int i = 0; i < questions.length; i++) {
            Platform.Reply added = send("POST", "/quiz/api/quizzes/" + quizId + "/questions", questions[i], token, "\"" + (i + 1) + "\"");
            assertThat(added.status()).as(added.body()).isEqualTo(200);
        }
        Platform.Reply publish = send("POST", "/quiz/api/quizzes/" + quizId + "/publish", null, token, "\"" + (questions.length + 1) + "\"");
        assertThat(publish.status()).as(publish.body()).isEqualTo(200);
        return quizId;
    }

    /** The question with another time limit. */
    static String timed(String question, int seconds) {
        return question.replaceFirst("\"timeLimitSeconds\":\\d+", "\"timeLimitSeconds\":" + seconds);
    }

    static long events(String quizId) {
        return Platform.count("QUIZ", "SELECT count(*) FROM event_store WHERE aggregate_id = ?::uuid", quizId);
    }

    @Test
    void hostBuildsAndPublishesAQuizWithEveryQuestionType() throws Exception {
        JsonNode quiz = create(host, "Every Type");
        String id = quiz.get("id").asText();
        String etag = "\"1\"";
        for (String question : List.of(SINGLE, MULTIPLE, TRUE_FALSE, TYPE_ANSWER, POLL)) {
            Platform.Reply added = send("POST", "/quiz/api/quizzes/" + id + "/questions", question, host, etag);
            assertThat(added.status()).as(added.body()).isEqualTo(200);
            etag = etag(added);
        }
        Platform.Reply published = send("POST", "/quiz/api/quizzes/" + id + "/publish", null, host, etag);
        assertThat(published.status()).as(published.body()).isEqualTo(200);

        Platform.Reply read = send("GET", "/quiz/api/quizzes/" + id, null, host, null);
        assertThat(read.json().get("status").asText()).isEqualTo("published");
        assertThat(read.json().get("questions")).hasSize(5);
        assertThat(read.json().get("version").asLong()).isEqualTo(7);
        assertThat(events(id)).isEqualTo(7);

        List<String> types = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(30);
        while (types.size() < 7 && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> r : quizEvents.poll(Duration.ofMillis(500))) {
                if (id.equals(r.key())) {
                    assertThat(ContractValidator.violations(r.value())).as(r.value()).isEmpty();
                    types.add(Platform.JSON.readTree(r.value()).get("type").asText());
                }
            }
        }
        assertThat(types).containsExactly("quiz.created", "quiz.question-added", "quiz.question-added", "quiz.question-added",
                "quiz.question-added", "quiz.question-added", "quiz.published");

        Platform.Reply history = send("GET", "/quiz/api/quizzes/" + id + "/history", null, host, null);
        assertThat(history.json()).hasSize(7);
        assertThat(history.json().get(6).get("type").asText()).isEqualTo("quiz.published");
    }

    @Test
    void staleOrMissingVersionChangesNothing() {
        String id = create(host, "Concurrency").get("id").asText();
        assertThat(send("POST", "/quiz/api/quizzes/" + id + "/questions", SINGLE, host, "\"1\"").status()).isEqualTo(200);

        Platform.Reply stale = send("POST", "/quiz/api/quizzes/" + id + "/questions", POLL, host, "\"1\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("detail").asText()).contains("version 1").contains("If-Match");
        Platform.Reply missing = send("POST", "/quiz/api/quizzes/" + id + "/questions", POLL, host, null);
        assertThat(missing.status()).isEqualTo(428);
        // The current version (2) in any other spelling than its ETag's is not its ETag.
        for (String other : new String[]{"2", "+2", "\"02\"", "\"2", "\"+2\"", "W/2"}) {
            Platform.Reply spelt = send("POST", "/quiz/api/quizzes/" + id + "/questions", POLL, host, other);
            assertThat(spelt.status()).as(other + " -> " + spelt.body()).isEqualTo(400);
        }
        assertThat(events(id)).isEqualTo(2);
        // The ETag as a compressing proxy weakens it, sent back by a client: the version it names.
        assertThat(send("POST", "/quiz/api/quizzes/" + id + "/questions", POLL, host, "W/\"2\"").status()).isEqualTo(200);
        assertThat(events(id)).isEqualTo(3);
    }

    @Test
    void parallelChangesAtOneVersionHaveExactlyOneWinner() throws Exception {
        String id = create(host, "Race").get("id").asText();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> writers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                writers.add(() -> send("POST", "/quiz/api/quizzes/" + id + "/questions", SINGLE, host, "\"1\"").status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(writers)) {
                statuses.add(f.get());
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s != 200).allMatch(s -> s == 412);
        } finally {
            pool.shutdownNow();
        }
        assertThat(events(id)).isEqualTo(2);
        assertThat(Platform.count("QUIZ", "SELECT max(event_version) FROM event_store WHERE aggregate_id = ?::uuid", id)).isEqualTo(2);
    }

    @Test
    void aRetriedCommandIsAppliedOnce() {
        String id = create(host, "Retry").get("id").asText();
        HttpRequest.Builder first = Platform.request("/quiz/api/quizzes/" + id + "/questions").header("Authorization", "Bearer " + host)
                .header("Content-Type", "application/json").header("If-Match", "\"1\"").header("Idempotency-Key", "add-capital-1")
                .POST(HttpRequest.BodyPublishers.ofString(SINGLE));
        assertThat(Platform.send(first).status()).isEqualTo(200);
        Platform.Reply again = Platform.send(Platform.request("/quiz/api/quizzes/" + id + "/questions").header("Authorization", "Bearer " + host)
                .header("Content-Type", "application/json").header("If-Match", "\"1\"").header("Idempotency-Key", "add-capital-1")
                .POST(HttpRequest.BodyPublishers.ofString(SINGLE)));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("questions")).hasSize(1);
        assertThat(events(id)).isEqualTo(2);
    }

    @Test
    void badInputIsRefusedWithTheFieldAndNothingIsWritten() {
        String id = create(host, "Bad Input").get("id").asText();
        String questionId = send("POST", "/quiz/api/quizzes/" + id + "/questions", SINGLE, host, "\"1\"").json()
                .get("questions").get(0).get("id").asText();
        long before = events(id);
        String q = "/quiz/api/quizzes/" + id + "/questions";
        assertField(send("POST", q, SINGLE.replace("single-choice", "essay"), host, "\"2\""), "question.type");
        assertField(send("POST", q, SINGLE.replace("\"correct\":true", "\"correct\":false"), host, "\"2\""), "question.options");
        assertField(send("POST", q, SINGLE.replace("\"timeLimitSeconds\":20", "\"timeLimitSeconds\":0"), host, "\"2\""), "question.timeLimitSeconds");
        assertField(send("POST", q, SINGLE.replace("\"timeLimitSeconds\":20", "\"timeLimitSeconds\":10000"), host, "\"2\""), "question.timeLimitSeconds");
        assertField(send("POST", q, SINGLE.replace("\"points\":1000", "\"points\":7"), host, "\"2\""), "question.points");
        String sevenOptions = SINGLE.replace("{\"text\":\"Lyon\",\"correct\":false}",
                "{\"text\":\"B\",\"correct\":false},{\"text\":\"C\",\"correct\":false},{\"text\":\"D\",\"correct\":false},"
                        + "{\"text\":\"E\",\"correct\":false},{\"text\":\"F\",\"correct\":false},{\"text\":\"G\",\"correct\":false}");
        assertField(send("POST", q, sevenOptions, host, "\"2\""), "question.options");
        assertField(send("PATCH", "/quiz/api/quizzes/" + id, "{\"title\":\"  \"}", host, "\"2\""), "title");
        assertField(send("PUT", q + "/not-in-this-quiz", SINGLE, host, "\"2\""), "questionId");
        assertField(send("PUT", "/quiz/api/quizzes/" + id + "/question-order", "{\"questionIds\":[]}", host, "\"2\""), "questionIds");
        assertThat(send("PATCH", "/quiz/api/quizzes/" + id, "{\"title\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}", host, "\"2\"").status())
                .isEqualTo(413);
        assertThat(send("POST", q, "{\"type\":", host, "\"2\"").status()).isEqualTo(400);
        assertThat(events(id)).isEqualTo(before);
        assertThat(send("DELETE", q + "/" + questionId, null, host, "\"2\"").status()).isEqualTo(200);
    }

    @Test
    void otherHostsCanNotSeeDraftsNorChangeQuizzes() {
        JsonNode quiz = create(host, "Private Draft");
        String id = quiz.get("id").asText();
        assertThat(send("GET", "/quiz/api/quizzes/" + id, null, otherHost, null).status()).isEqualTo(404);
        assertThat(send("PATCH", "/quiz/api/quizzes/" + id, "{\"title\":\"Mine now\"}", otherHost, "\"1\"").status()).isEqualTo(404);

        send("POST", "/quiz/api/quizzes/" + id + "/questions", SINGLE, host, "\"1\"");
        send("POST", "/quiz/api/quizzes/" + id + "/questions", TYPE_ANSWER, host, "\"2\"");
        send("POST", "/quiz/api/quizzes/" + id + "/publish", null, host, "\"3\"");
        assertThat(send("POST", "/quiz/api/quizzes/" + id + "/archive", null, otherHost, "\"4\"").status()).isEqualTo(403);
        assertThat(events(id)).isEqualTo(4);

        // Someone else's published quiz reads without its answers (it may be the one a class is playing, and an
        // account is free), and cannot be copied, exported or hosted, which would show them; its owner's reads show them.
        Platform.Reply shared = send("GET", "/quiz/api/quizzes/" + id, null, otherHost, null);
        assertThat(shared.status()).isEqualTo(200);
        assertThat(shared.json().get("questions")).hasSize(2);
        assertThat(shared.json().get("questions").get(0).get("options").get(0).get("text").asText()).isNotEmpty();
        assertThat(shared.json().findValues("correct")).isEmpty();
        assertThat(shared.json().findValues("acceptedAnswers")).isEmpty();
        assertThat(shared.json().get("answersShown").asBoolean()).isFalse();
        assertThat(send("GET", "/quiz/api/quizzes/" + id, null, host, null).json().findValues("correct")).isNotEmpty();
        // Nor hosted: a game shows each question's answers once it closes, and a skip closes one at once.
        for (Platform.Reply refused : List.of(send("POST", "/quiz/api/quizzes/" + id + "/duplicate", null, otherHost, null),
                send("GET", "/quiz/api/quizzes/" + id + "/export", null, otherHost, null),
                send("POST", "/quiz/api/games", "{\"quizId\":\"" + id + "\"}", otherHost, null))) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body()).doesNotContain("Pacific");
        }

        Platform.Reply copy = send("POST", "/quiz/api/quizzes/" + id + "/duplicate", null, host, null);
        assertThat(copy.status()).isEqualTo(201);
        assertThat(copy.json().get("status").asText()).isEqualTo("draft");
        assertThat(copy.json().get("copiedFrom").asText()).isEqualTo(id);

        JsonNode published = send("GET", "/quiz/api/quizzes?scope=published&q=private%20dr", null, otherHost, null).json();
        assertThat(published.get("items").findValuesAsText("id")).contains(id);
        JsonNode mine = send("GET", "/quiz/api/quizzes?scope=mine", null, host, null).json();
        assertThat(mine.get("items").findValuesAsText("id")).contains(copy.json().get("id").asText(), id);
        assertThat(send("GET", "/quiz/api/quizzes?scope=mine", null, otherHost, null).json().get("items")
                .findValuesAsText("id")).doesNotContain(id);
        assertThat(send("GET", "/quiz/api/quizzes?size=1000", null, otherHost, null).status()).isEqualTo(400);
        // A page far past the end (its offset past 2^31) is an empty page, like any page past the end.
        Platform.Reply farPage = send("GET", "/quiz/api/quizzes?scope=published&page=21474837&size=100", null, otherHost, null);
        assertThat(farPage.status()).as(farPage.body()).isEqualTo(200);
        assertThat(farPage.json().get("items")).isEmpty();
    }

    @Test
    void aLongHistoryIsSnapshottedAndStillLoadsRight() {
        String id = create(host, "Long History").get("id").asText();
        String etag = "\"1\"";
        for (int i = 0; i < 55; i++) {
            Platform.Reply changed = send("PATCH", "/quiz/api/quizzes/" + id, "{\"title\":\"Long History " + i + "\"}", host, etag);
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            etag = etag(changed);
        }
        assertThat(Platform.count("QUIZ", "SELECT count(*) FROM quiz_snapshots WHERE quiz_id = ?::uuid", id)).isEqualTo(1);

        Platform.Reply added = send("POST", "/quiz/api/quizzes/" + id + "/questions", SINGLE, host, etag);
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(added.json().get("version").asLong()).isEqualTo(57);
        assertThat(added.json().get("title").asText()).isEqualTo("Long History 54");
        assertThat(send("GET", "/quiz/api/quizzes/" + id + "/history", null, host, null).json()).hasSize(57);
    }

    @Test
    void exportAndImportRoundTrip() throws Exception {
        String id = create(host, "Round Trip").get("id").asText();
        String etag = "\"1\"";
        for (String question : List.of(SINGLE, TYPE_ANSWER, POLL)) {
            etag = etag(send("POST", "/quiz/api/quizzes/" + id + "/questions", question, host, etag));
        }
        Platform.Reply exported = send("GET", "/quiz/api/quizzes/" + id + "/export", null, host, null);
        assertThat(exported.status()).isEqualTo(200);

        Platform.Reply imported = send("POST", "/quiz/api/quizzes/import", exported.body(), otherHost, null);
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        JsonNode copy = imported.json();
        assertThat(copy.get("id").asText()).isNotEqualTo(id);
        assertThat(copy.get("questions")).isEqualTo(exported.json().get("questions"));
        assertThat(copy.get("title").asText()).isEqualTo("Round Trip");

        ObjectNode broken = (ObjectNode) exported.json().deepCopy();
        ((ObjectNode) broken.get("questions").get(1)).put("points", 7);
        Platform.Reply refused = send("POST", "/quiz/api/quizzes/import", broken.toString(), otherHost, null);
        assertField(refused, "questions[1].points");
    }

    @Test
    void theLargestQuizOneCanWritePlaysAndControlCharactersAreRefused() {
        // A control character is six bytes in JSON (\\u0001): 100 questions of them made a game's creation event of
        // over a megabyte, more than Kafka takes as one record; committed to the outbox, the broker refused that row
        // for good and every later event of quiz-app waited behind it. They are refused now, naming the field.
        ObjectNode controls = largestQuiz("\u0001");
        Platform.Reply refused = send("POST", "/quiz/api/quizzes/import", controls.toString(), host, null);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("errors").findValuesAsText("field")).contains("questions[0].text", "questions[0].acceptedAnswers[0]");
        assertThat(refused.json().get("errors").findValuesAsText("code")).containsOnly("control-characters");

        // The largest quiz of characters allowed (three bytes each in UTF-8) is created, published and played: its
        // game's creation (every question in one event) leaves for Kafka.
        Platform.Reply imported = send("POST", "/quiz/api/quizzes/import", largestQuiz("語").toString(), host, null);
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        String quizId = imported.json().get("id").asText();
        Platform.Reply published = send("POST", "/quiz/api/quizzes/" + quizId + "/publish", null, host, etag(imported));
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        Platform.Reply game = send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null);
        assertThat(game.status()).as(game.body()).isEqualTo(201);
        String gameId = game.json().get("id").asText();
        Platform.await("the game's creation sent to Kafka", Duration.ofSeconds(20), () -> Platform.count("QUIZ",
                "SELECT count(*) FROM outbox WHERE message_key = ? AND event_type = 'game.created' AND published_at IS NOT NULL",
                gameId) > 0 ? java.util.Optional.of(true) : java.util.Optional.empty());
    }

    /** 100 type-answer questions whose texts are as long as allowed, of {@code character}. */
    private static ObjectNode largestQuiz(String character) {
        ObjectNode document = Platform.JSON.createObjectNode().put("title", "As large as a quiz gets").put("description", "d");
        var questions = document.putArray("questions");
        for (int i = 0; i < 100; i++) {
            ObjectNode question = questions.addObject().put("type", "type-answer")
                    .put("text", character.repeat(497) + String.format("%03d", i)).put("timeLimitSeconds", 30).put("points", 1000);
            var accepted = question.putArray("acceptedAnswers");
            for (int a = 0; a < 10; a++) {
                accepted.add(character.repeat(99) + a);
            }
        }
        return document;
    }

    @Test
    void theReadModelRebuiltFromEventsEqualsTheLiveOne() {
        String admin = "operator@quiz-platform.test";
        Platform.postJson("/user/api/users", Platform.registrationJson(admin, "Operator"));
        String adminToken = Platform.login(admin, Platform.PASSWORD).json().get("accessToken").asText();
        String id = create(host, "Replay Me").get("id").asText();
        send("POST", "/quiz/api/quizzes/" + id + "/questions", MULTIPLE, host, "\"1\"");

        List<String> live = snapshot();
        assertThat(send("POST", "/quiz/api/admin/projections/quizzes/rebuild", null, host, null).status()).isEqualTo(403);
        Platform.Reply rebuilt = send("POST", "/quiz/api/admin/projections/quizzes/rebuild", null, adminToken, null);
        assertThat(rebuilt.status()).as(rebuilt.body()).isEqualTo(200);
        assertThat(rebuilt.json().get("quizzes").asInt()).isEqualTo(live.size());
        assertThat(snapshot()).isEqualTo(live);
    }

    private static List<String> snapshot() {
        List<String> rows = new ArrayList<>();
        try (var c = Platform.database("QUIZ"); var rs = c.createStatement().executeQuery(
                "SELECT quiz_id || '|' || owner_id || '|' || title || '|' || status || '|' || question_count || '|' || version "
                        + "|| '|' || CAST(detail AS text) FROM quiz_view ORDER BY quiz_id")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private static void assertField(Platform.Reply reply, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("errors").findValuesAsText("field")).as(reply.body()).contains(field);
    }
}
