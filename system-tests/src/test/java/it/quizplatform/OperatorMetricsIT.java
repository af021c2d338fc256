package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static it.quizplatform.Platform.await;
import static it.quizplatform.ServerMetrics.count;
import static it.quizplatform.ServerMetrics.samples;
import static it.quizplatform.ServerMetrics.sum;
import static it.quizplatform.QuizAuthoringIT.SINGLE;
import static it.quizplatform.QuizAuthoringIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics an operator's alerts and dashboard read (docs/DEPLOYMENT.md), scraped from the running server's
 * {@code /metrics} as Prometheus would: consumer lag per group and partition, the outbox's oldest pending row,
 * the answer acknowledgement histogram, how late the game clock ran, sockets and games live, dead letters.
 */
public class OperatorMetricsIT {

    /** One sample line: name, labels, value. */

    @Test
    void consumerLagIsExportedForEveryPartitionOfEachServicesGroup() {
        // Refreshed every 30 s (first 5 s after start): wait for the three groups to be read. A refresh that failed
        // reads -1 (unknown) until the next one, as after the Kafka outage of the test before (MultiInstanceGameIT),
        // so wait for one that succeeded.
        Map<String, Double> lag = await("consumer_lag of the three groups, known", Duration.ofSeconds(75), () -> {
            Map<String, Double> found = samples("consumer_lag");
            boolean all = List.of("quiz-app", "answer-app", "scoring-app").stream()
                    .allMatch(g -> found.keySet().stream().anyMatch(k -> k.contains("group=\"" + g + "\"")));
            boolean known = found.values().stream().allMatch(v -> v >= 0);
            return all && known ? Optional.of(found) : Optional.empty();
        });
        // answer-app reads quiz-events (6 partitions); scoring-app quiz-events and answer-events; quiz-app user-events (3).
        assertThat(lag.keySet().stream().filter(k -> k.contains("group=\"answer-app\""))).hasSize(6)
                .allMatch(k -> k.contains("topic=\"quiz-events\""));
        assertThat(lag.keySet().stream().filter(k -> k.contains("group=\"scoring-app\""))).hasSize(12);
        assertThat(lag.keySet().stream().filter(k -> k.contains("group=\"quiz-app\""))).hasSize(3)
                .allMatch(k -> k.contains("topic=\"user-events\""));
        assertThat(lag.keySet()).allMatch(k -> k.matches(".*partition=\"\\d+\".*"));
        // Known (not -1) and small: the test stack's consumers keep up.
        assertThat(lag.values()).allSatisfy(v -> assertThat(v).isBetween(0.0, 1000.0));
    }

    @Test
    void theOutboxSaysHowLongItsOldestPendingRowHasWaited() {
        Map<String, Double> age = samples("outbox_oldest_pending_seconds");
        Map<String, Double> pending = samples("outbox_events_pending");
        for (String service : List.of("user-app", "quiz-app", "answer-app", "scoring-app")) {
            String key = "service=\"" + service + "\"";
            assertThat(age.entrySet()).filteredOn(e -> e.getKey().contains(key)).singleElement()
                    .satisfies(e -> assertThat(e.getValue()).as(service).isBetween(0.0, 120.0));
            assertThat(pending.entrySet()).filteredOn(e -> e.getKey().contains(key)).singleElement()
                    .satisfies(e -> assertThat(e.getValue()).as(service).isGreaterThanOrEqualTo(0.0));
        }
    }

    @Test
    void deadLettersAreCountedPerServiceAndTopic() {
        // Exported (at zero) from the first record a consumer saw, beside applied and duplicate.
        Map<String, Double> consumed = samples("events_consumed_total");
        assertThat(consumed.keySet()).anyMatch(k -> k.contains("outcome=\"dead-lettered\"")
                && k.contains("service=\"answer-app\"") && k.contains("topic=\"quiz-events\""));
    }

    @Test
    void anAnsweredQuestionIsTimedAndConnectedPhonesAreCounted() throws Exception {
        String host = Platform.registerAndLogin(Platform.uniqueEmail("metrics"), "Metrics Host");
        String quizId = QuizAuthoringIT.published(host, "Metrics Quiz", SINGLE);
        JsonNode game = send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null).json();
        String gameId = game.get("id").asText();
        JsonNode ada = GameLobbyIT.join(game.get("pin").asText(), "Ada").json();
        double acksBefore = sum(samples("answer_ack_seconds_count"));
        double clockBefore = recordedByTheClock();
        double pushesBefore = sum(samples("quiz_game_push_seconds_count"));
        double socketsWhileConnected;

        try (SocketClient hostSocket = SocketClient.host(gameId, host);
             SocketClient adaSocket = SocketClient.player(gameId, ada.get("playerToken").asText())) {
            hostSocket.awaitType("welcome");
            adaSocket.awaitType("welcome");
            socketsWhileConnected = sum(samples("quiz_sockets_open"));
            assertThat(socketsWhileConnected).isGreaterThanOrEqualTo(2);
            assertThat(sum(samples("quiz_games_live"))).isGreaterThanOrEqualTo(1);

            hostSocket.send("{\"type\":\"start\"}");
            JsonNode open = adaSocket.awaitPhase("open");
            // The clock opened the question after its preview, and said how late (counted as the opening was
            // recorded; the push may come through Kafka a moment before the count).
            await("the clock's opening counted", Duration.ofSeconds(5), () ->
                    recordedByTheClock() >= clockBefore + 1 ? Optional.of(true) : Optional.empty());
            // The preview and the open question each reached the whole room here (host and phone): two pushes timed.
            await("the pushes timed", Duration.ofSeconds(5), () ->
                    sum(samples("quiz_game_push_seconds_count")) >= pushesBefore + 2 ? Optional.of(true) : Optional.empty());
            assertThat(samples("quiz_game_push_seconds_bucket").keySet())
                    .as("250 ms, issue 13's bound for the question at every phone, is a bucket bound")
                    .anyMatch(k -> k.contains("le=\"0.25\"")).anyMatch(k -> k.contains("le=\"+Inf\""));
            assertThat(samples("quiz_game_push_seconds").keySet()).as("percentiles")
                    .anyMatch(k -> k.contains("quantile=\"0.95\""));
            // Counted from here: answer-app's relay and the fan-out of answer-events carry only what the answer caused
            // (its decision, then the tally of the early close it allows); answer-app's own count may also take the
            // opening, read a moment after the phone saw it.
            Map<String, Double> hopsBefore = decisionHops();
            adaSocket.send(AnswersIT.answer(0, AnswersIT.optionId(open, "Paris")));
            adaSocket.awaitType("answer-received");

            // Recorded once the acknowledgement was written, a moment after the phone may have read it.
            double acksAfter = await("the acknowledgement timed", Duration.ofSeconds(5), () -> {
                double now = sum(samples("answer_ack_seconds_count"));
                return now >= acksBefore + 1 ? Optional.of(now) : Optional.empty();
            });
            assertThat(acksAfter).isGreaterThanOrEqualTo(acksBefore + 1);

            // The decision's way back, hop by hop: the answer reached answer-app, which applied it, its relay sent the
            // decision, and the fan-out pushed it (each timed a moment after the phone may have read it).
            adaSocket.awaitType("answer-accepted");
            await("each hop of the decision timed", Duration.ofSeconds(5), () -> {
                Map<String, Double> now = decisionHops();
                return now.keySet().stream().allMatch(hop -> now.get(hop) >= hopsBefore.get(hop) + 1)
                        ? Optional.of(true) : Optional.empty();
            });
        }
        // A histogram family: the buckets across pods, and the percentiles computed in the pod.
        assertThat(samples("answer_ack_seconds").keySet()).as("percentiles")
                .anyMatch(k -> k.contains("quantile=\"0.95\"")).anyMatch(k -> k.contains("quantile=\"0.99\""));
        Map<String, Double> buckets = samples("answer_ack_seconds_bucket");
        assertThat(buckets.keySet()).as("the buckets a p95 alert reads")
                .anyMatch(k -> k.contains("le=\"0.1\"")).anyMatch(k -> k.contains("le=\"+Inf\""));
        double infinite = buckets.entrySet().stream().filter(e -> e.getKey().contains("le=\"+Inf\""))
                .mapToDouble(Map.Entry::getValue).sum();
        assertThat(infinite).isGreaterThanOrEqualTo(1);
        assertThat(sum(samples("answer_ack_seconds_sum"))).isGreaterThan(0);
        // The two sockets are closed: counted no more (within a moment: the container tells us on close).
        await("the sockets let go of", Duration.ofSeconds(10), () ->
                sum(samples("quiz_sockets_open")) <= socketsWhileConnected - 2 ? Optional.of(true) : Optional.empty());
    }

    @Test
    void aJoinOnTheJoinSocketIsTimed() {
        String host = Platform.registerAndLogin(Platform.uniqueEmail("joinmetrics"), "Join Metrics Host");
        String quizId = QuizAuthoringIT.published(host, "Join Metrics Quiz", SINGLE);
        JsonNode game = send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", host, null).json();
        double joinsBefore = sum(samples("quiz_game_join_seconds_count"));

        try (SocketClient phone = SocketClient.joinSocket(Platform.randomAddress())) {
            phone.join(game.get("pin").asText(), "Grace");
            phone.awaitType("joined");
        }

        // Recorded as the answer was queued for the phone: a moment after the phone may have read it.
        await("the join timed", Duration.ofSeconds(5), () ->
                sum(samples("quiz_game_join_seconds_count")) >= joinsBefore + 1 ? Optional.of(true) : Optional.empty());
        assertThat(samples("quiz_game_join_seconds_bucket").keySet()).as("the target, 200 ms, is a bucket bound")
                .anyMatch(k -> k.contains("le=\"0.2\"")).anyMatch(k -> k.contains("le=\"+Inf\""));
        assertThat(samples("quiz_game_join_seconds").keySet()).as("percentiles")
                .anyMatch(k -> k.contains("quantile=\"0.95\""));
    }

    /** Openings and closes the game clock recorded ({@code quiz_game_clock_lateness_seconds}, step "recorded"). */
    private static double recordedByTheClock() {
        Map<String, Double> buckets = samples("quiz_game_clock_lateness_seconds_bucket");
        assertThat(buckets.keySet()).as("the clock's buckets, its target among them")
                .anyMatch(k -> k.contains("step=\"fired\"") && k.contains("le=\"0.1\""))
                .anyMatch(k -> k.contains("step=\"recorded\"") && k.contains("le=\"0.1\""));
        return samples("quiz_game_clock_lateness_seconds_count").entrySet().stream()
                .filter(e -> e.getKey().contains("step=\"recorded\"")).mapToDouble(Map.Entry::getValue).sum();
    }

    /** How many answers (and other records) each hop of a decision's way has timed so far. */
    private static Map<String, Double> decisionHops() {
        Map<String, Double> hops = new TreeMap<>();
        hops.put("answer-app received", count("events_received_latency_seconds_count", "service=\"answer-app\"", "topic=\"quiz-events\""));
        hops.put("answer-app applied", count("events_consumed_latency_seconds_count", "service=\"answer-app\"", "topic=\"quiz-events\""));
        hops.put("answer-app relayed", count("outbox_publish_latency_seconds_count", "service=\"answer-app\""));
        hops.put("quiz-app pushed", count("quiz_fanout_latency_seconds_count", "topic=\"answer-events\""));
        return hops;
    }
}
