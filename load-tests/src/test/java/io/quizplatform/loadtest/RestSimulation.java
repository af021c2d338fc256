package io.quizplatform.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The design study's REST workload, all at once for {@code minutes}: registrations at {@code registrationsPerMinute}
 * (100-1000), quizzes created and published at {@code quizzesPerMinute} (50; each: create, 5 questions, publish) by
 * a few authors, and reads under that load at {@code readsPerSecond} (the published list, then one quiz of it).
 *
 * <pre>
 * ./mvnw -pl load-tests gatling:test -Dgatling.simulationClass=io.quizplatform.loadtest.RestSimulation \
 *     -DregistrationsPerMinute=300 -DquizzesPerMinute=50 -DreadsPerSecond=20 -Dminutes=1
 * </pre>
 */
public class RestSimulation extends Simulation {

    static final double REGISTRATIONS_PER_MINUTE = Load.doubleProperty("registrationsPerMinute", 300);
    static final double QUIZZES_PER_MINUTE = Load.doubleProperty("quizzesPerMinute", 50);
    static final double READS_PER_SECOND = Load.doubleProperty("readsPerSecond", 20);
    static final int AUTHORS = Load.intProperty("authors", 5);
    static final Duration DURATION = Duration.ofSeconds((long) (Load.doubleProperty("minutes", 1) * 60));

    /** Tokens of the authors, and the ids of the quizzes published so far (seeded by the authors' first quizzes). */
    static final List<String> TOKENS = new CopyOnWriteArrayList<>();
    static final List<String> PUBLISHED = new CopyOnWriteArrayList<>();

    static <T> T any(List<T> list) {
        return list.get(ThreadLocalRandom.current().nextInt(list.size()));
    }

    static Session newClient(Session s) {
        return s.set("clientAddress", Load.nextAddress())
                .set("email", "gatling-" + UUID.randomUUID().toString().substring(0, 13) + "@example.com");
    }

    static final ScenarioBuilder AUTHORS_LOG_IN = scenario("authors register and log in")
            .exec(RestSimulation::newClient)
            .exec(http("register").post("/user/api/users")
                    .body(StringBody("{\"email\":\"#{email}\",\"displayName\":\"Gatling Author\",\"password\":\"" + Load.PASSWORD + "\"}"))
                    .check(status().is(201)))
            .exec(http("log in").post("/user/api/sessions")
                    .body(StringBody("{\"email\":\"#{email}\",\"password\":\"" + Load.PASSWORD + "\"}"))
                    .check(status().is(200), jsonPath("$.accessToken").saveAs("token")))
            .exec(s -> {
                TOKENS.add(s.getString("token"));
                return s;
            })
            .exec(createAndPublish());

    static io.gatling.javaapi.core.ChainBuilder createAndPublish() {
        return group("create and publish a quiz (5 questions)").on(
                exec(http("create a quiz").post("/quiz/api/quizzes")
                        .header("Authorization", "Bearer #{token}")
                        .body(StringBody("{\"title\":\"Gatling quiz #{email}\",\"description\":\"load test\"}"))
                        .check(status().is(201), jsonPath("$.id").saveAs("quizId"), header("ETag").saveAs("etag")))
                        .repeat(GameFlow.QUESTIONS, "i").on(
                                exec(http("add a question").post("/quiz/api/quizzes/#{quizId}/questions")
                                        .header("Authorization", "Bearer #{token}")
                                        .header("If-Match", "#{etag}")
                                        .body(StringBody(s -> GameFlow.question(s.getInt("i"))))
                                        .check(status().in(200, 201), header("ETag").saveAs("etag"))))
                        .exec(http("publish the quiz").post("/quiz/api/quizzes/#{quizId}/publish")
                                .header("Authorization", "Bearer #{token}")
                                .header("If-Match", "#{etag}")
                                .check(status().in(200, 201)))
                        .exec(s -> {
                            if (!s.isFailed()) {
                                PUBLISHED.add(s.getString("quizId"));
                            }
                            return s;
                        }));
    }

    static final ScenarioBuilder REGISTRATIONS = scenario("registration")
            .exec(RestSimulation::newClient)
            .exec(http("register").post("/user/api/users")
                    .body(StringBody("{\"email\":\"#{email}\",\"displayName\":\"Gatling Player\",\"password\":\"" + Load.PASSWORD + "\"}"))
                    .check(status().is(201)));

    static final ScenarioBuilder QUIZZES = scenario("quiz authoring")
            .exec(s -> newClient(s).set("token", any(TOKENS)))
            .exec(createAndPublish());

    static final ScenarioBuilder READS = scenario("reads")
            .exec(s -> s.set("clientAddress", Load.nextAddress()).set("token", any(TOKENS)))
            .exec(http("list published quizzes").get("/quiz/api/quizzes?scope=published&page=0&size=20")
                    .header("Authorization", "Bearer #{token}")
                    .check(status().is(200)))
            .exec(s -> s.set("quizId", any(PUBLISHED)))
            .exec(http("read a quiz").get("/quiz/api/quizzes/#{quizId}")
                    .header("Authorization", "Bearer #{token}")
                    .check(status().is(200)));

    {
        setUp(AUTHORS_LOG_IN.injectOpen(atOnceUsers(AUTHORS)).andThen(
                REGISTRATIONS.injectOpen(constantUsersPerSec(REGISTRATIONS_PER_MINUTE / 60).during(DURATION)),
                QUIZZES.injectOpen(constantUsersPerSec(QUIZZES_PER_MINUTE / 60).during(DURATION)),
                READS.injectOpen(constantUsersPerSec(READS_PER_SECOND).during(DURATION))))
                .protocols(Load.protocol())
                .assertions(
                        global().failedRequests().count().is(0L),
                        details("register").responseTime().percentile(95.0).lt(Load.intProperty("target.registerP95Ms", 1000)),
                        details("create and publish a quiz (5 questions)").responseTime().percentile(95.0)
                                .lt(Load.intProperty("target.quizP95Ms", 2000)),
                        details("list published quizzes").responseTime().percentile(95.0).lt(Load.intProperty("target.readP95Ms", 200)),
                        details("read a quiz").responseTime().percentile(95.0).lt(Load.intProperty("target.readP95Ms", 200)));
    }
}
