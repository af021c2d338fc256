package it.quizplatform;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The requests' connection pool and readiness: quiz-app alone with a pool of two (DB_POOL_MAX=2), requests that wait
 * on a lock holding every connection of it and one more queued for a connection. Every connection serves requests
 * (on the same pool, the readiness check's thread kept one bound to itself for good, so requests got only one of the
 * two), and the instance stays ready while they are all busy: the database is there. (On the EAR server's pool of
 * 20, Liberty's few request threads run out before its connections do.)
 */
public class BusyPoolReadinessIT {

    private static final int POOL = 2;
    private static String aloneUrl;

    @BeforeAll
    static void quizAppAloneWithATinyPool() {
        aloneUrl = Platform.startQuizAppAlone("?DB_POOL_MAX=" + POOL);
    }

    @AfterAll
    static void stopIt() {
        Platform.control("POST", "/quiz-app-alone/stop");
    }

    @Test
    void readinessStaysUpWhileEveryPooledConnectionIsBusy() throws Exception {
        String host = Platform.registerAndLogin(Platform.uniqueEmail("busy-pool"), "Busy Pool");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(); // a connection each
        HttpRequest list = HttpRequest.newBuilder(URI.create(aloneUrl + "/quiz/api/quizzes?scope=mine"))
                .header("Authorization", "Bearer " + host).timeout(Duration.ofSeconds(60)).GET().build();
        List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
        double queuedBefore = pool("connectionpool_queuedRequests_total");
        try (Connection locker = Platform.database("QUIZ")) {
            locker.setAutoCommit(false);
            try (Statement statement = locker.createStatement()) {
                statement.execute("LOCK TABLE quiz_view IN ACCESS EXCLUSIVE MODE");
            }
            for (int i = 0; i < POOL + 1; i++) {
                requests.add(http.sendAsync(list, HttpResponse.BodyHandlers.ofString()));
            }
            Platform.await("every pooled connection of quiz-app in use", Duration.ofSeconds(20), () -> Optional.of(true)
                    .filter(x -> pool("connectionpool_connectionHandles") >= POOL && pool("connectionpool_freeConnections") == 0));
            for (int probe = 0; probe < 12; probe++) { // 6 s: the request queued for a connection outwaits the pool's 5 s
                Platform.Reply ready = Platform.send(HttpRequest.newBuilder(URI.create(aloneUrl + "/health/ready")).GET());
                assertThat(ready.status()).as(ready.body()).isEqualTo(200);
                assertThat(Platform.healthChecks(ready.json(), "quiz-app.database")).singleElement()
                        .satisfies(check -> assertThat(check.get("status").asText()).isEqualTo("UP"));
                Thread.sleep(500);
            }
            assertThat(pool("connectionpool_connectionHandles")).as("the pool busy throughout").isGreaterThanOrEqualTo(POOL);
            assertThat(pool("connectionpool_queuedRequests_total")).as("a request queued for a connection")
                    .isGreaterThan(queuedBefore);
            locker.rollback();
        }
        for (CompletableFuture<HttpResponse<String>> request : requests) {
            HttpResponse<String> response = request.get(60, TimeUnit.SECONDS);
            // One that waited longer than the pool's 5 s for a connection is told to try again, never a 500.
            assertThat(response.statusCode()).as(response.body()).isIn(200, 503);
        }
    }

    /** A metric of quiz-app's request pool ({@code jdbc/quizDb}) on the server alone. */
    private static double pool(String metric) {
        return ServerMetrics.vendor(aloneUrl, metric, "datasource=\"jdbc_quizDb\"");
    }
}
