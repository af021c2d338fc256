package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static it.quizplatform.QuizAuthoringIT.SINGLE;
import static it.quizplatform.QuizAuthoringIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One answer's trace, as the test stack's servers export it (OTLP/HTTP, to the local stack's receiver, read back
 * through the control API's {@code GET /spans}): from the player's socket frame through Kafka into answer-app's
 * decision and scoring-app's scoring, and, since the only player has answered, through the early close, the tally and
 * the question's scores back to the player's socket. Every span is checked for its trace id and its parent.
 */
public class TracingIT {

    /** A span as the receiver shows it. */
    record Span(String traceId, String spanId, String parentSpanId, String name, String kind, String scope,
                JsonNode attributes) {
        static Span of(JsonNode json) {
            return new Span(json.get("traceId").asText(), json.get("spanId").asText(), json.get("parentSpanId").asText(),
                    json.get("name").asText(), json.get("kind").asText(), json.get("scope").asText(), json.get("attributes"));
        }

        String attribute(String key) {
            return attributes.path(key).asText("");
        }

        @Override
        public String toString() {
            return name + " [" + scope + ", " + attribute("quiz.event.type") + "] " + spanId + " <- " + parentSpanId;
        }
    }

    static List<Span> spans(String query) {
        List<Span> spans = new ArrayList<>();
        Platform.control("GET", "/spans?" + query).forEach(json -> spans.add(Span.of(json)));
        return spans;
    }

    /** The one span of the trace that is a child of {@code parent} and matches, waited for (spans come in batches). */
    static Span child(String traceId, Span parent, String what, Predicate<Span> matches) {
        return Platform.await(what + " (child of " + parent + ")", Duration.ofSeconds(30), () -> {
            List<Span> found = spans("traceId=" + traceId).stream()
                    .filter(s -> s.parentSpanId().equals(parent.spanId()) && matches.test(s)).toList();
            assertThat(found).as(what).hasSizeLessThanOrEqualTo(1);
            return found.stream().findFirst();
        });
    }

    static Predicate<Span> named(String name, String service, String eventType) {
        return s -> s.name().equals(name) && s.scope().equals("io.quizplatform." + service)
                && s.attribute("quiz.event.type").equals(eventType);
    }

    @Test
    void oneAnswerIsOneTraceFromTheSocketFrameToTheScorePushedBack() {
        String host = Platform.registerAndLogin(Platform.uniqueEmail("tracing"), "Tracing Host");
        String quizId = QuizAuthoringIT.published(host, "Traced Quiz", SINGLE);
        JsonNode game = send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null).json();
        String gameId = game.get("id").asText();
        JsonNode joined = GameLobbyIT.join(game.get("pin").asText(), "Tracy").json();

        try (SocketClient hostSocket = SocketClient.host(gameId, host);
             SocketClient player = SocketClient.player(gameId, joined.get("playerToken").asText())) {
            hostSocket.awaitType("welcome");
            player.awaitType("welcome");
            hostSocket.send("{\"type\":\"start\"}");
            JsonNode open = player.awaitPhase("open");
            player.send(AnswersIT.answer(0, AnswersIT.optionId(open, "Paris")));
            player.await("the score of question 0", Duration.ofSeconds(30),
                    m -> "score".equals(m.path("type").asText()) && m.path("questionIndex").asInt() == 0);
        }

        // The frame: the root of the answer's trace (the socket's own messages are no HTTP request).
        Span frame = Platform.await("the span of the answer's frame", Duration.ofSeconds(30), () -> spans(
                "attribute=quiz.game.id&value=" + URLEncoder.encode(gameId, StandardCharsets.UTF_8)).stream()
                .filter(s -> s.name().equals("ws answer")).findFirst());
        String trace = frame.traceId();
        assertThat(frame.scope()).isEqualTo("io.quizplatform.quiz-app");
        assertThat(frame.kind()).isEqualTo("SERVER");

        // quiz-app sends the answer to quiz-events; answer-app decides it in the span that continues the record's.
        Span received = child(trace, frame, "quiz-app's send of the answer",
                named("publish quiz-events", "quiz-app", "game.answer-received"));
        assertThat(received.kind()).isEqualTo("PRODUCER");
        Span decided = child(trace, received, "answer-app's decision",
                named("process quiz-events", "answer-app", "game.answer-received"));
        assertThat(decided.kind()).isEqualTo("CONSUMER");
        assertThat(decided.attribute("messaging.kafka.consumer.group")).isEqualTo("answer-app");

        // The decision leaves through answer-app's outbox: the relay's send continues the decision's span.
        Span submitted = child(trace, decided, "answer-app's send of the decision (outbox relay)",
                named("publish answer-events", "answer-app", "answer.submitted"));
        Span scored = child(trace, submitted, "scoring-app's scoring of the answer",
                named("process answer-events", "scoring-app", "answer.submitted"));
        assertThat(scored.attribute("messaging.kafka.consumer.group")).isEqualTo("scoring-app");
        Span accepted = child(trace, submitted, "quiz-app's push of the decision to the phone",
                named("push answer-events", "quiz-app", "answer.submitted"));

        // Everyone (the one player) answered: the early close, then the tally, then the question's scores.
        Span closed = child(trace, accepted, "quiz-app's send of the early close (outbox relay)",
                named("publish quiz-events", "quiz-app", "game.question-closed"));
        Span tallying = child(trace, closed, "answer-app's tally of the question",
                named("process quiz-events", "answer-app", "game.question-closed"));
        Span tallied = child(trace, tallying, "answer-app's send of the tally",
                named("publish answer-events", "answer-app", "answer.question-tallied"));
        Span ranking = child(trace, tallied, "scoring-app's scores of the question",
                named("process answer-events", "scoring-app", "answer.question-tallied"));
        Span scores = child(trace, ranking, "scoring-app's send of the scores",
                named("publish scoring-events", "scoring-app", "score.question-scored"));
        Span pushed = child(trace, scores, "quiz-app's push of the score to the phone",
                named("push scoring-events", "quiz-app", "score.question-scored"));
        assertThat(pushed.kind()).isEqualTo("CONSUMER");
        assertThat(pushed.attribute("messaging.kafka.consumer.group")).isEqualTo("game-fanout");

        for (Span s : List.of(received, decided, submitted, scored, accepted, closed, tallying, tallied, ranking, scores, pushed)) {
            assertThat(s.traceId()).as(s.toString()).isEqualTo(trace);
        }
    }
}
