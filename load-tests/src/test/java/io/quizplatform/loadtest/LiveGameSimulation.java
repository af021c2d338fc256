package io.quizplatform.loadtest;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;

import io.gatling.javaapi.core.Simulation;

import java.time.Duration;

/**
 * One classroom-style game with many players (issue 13's live-game target: ack p95 &lt; 100 ms, the question at every
 * phone p99 &lt; 250 ms after the first, every score line p95 &lt; 1 s after the close, nobody lost or closed).
 *
 * <pre>
 * ./mvnw -pl load-tests gatling:test -Dgatling.simulationClass=io.quizplatform.loadtest.LiveGameSimulation \
 *     -Dplayers=1000 -DjoinsPerSecond=100 -DbaseUrl=http://localhost:9080
 * </pre>
 */
public class LiveGameSimulation extends Simulation {

    static final int PLAYERS = Load.intProperty("players", 1000);
    static final double JOINS_PER_SECOND = Load.doubleProperty("joinsPerSecond", 100);
    static final Duration JOIN_PHASE = Duration.ofMillis((long) Math.ceil(PLAYERS / JOINS_PER_SECOND * 1000));

    final GameFlow flow = new GameFlow(1, PLAYERS, JOIN_PHASE, 100, 250);

    {
        setUp(flow.setup().injectOpen(atOnceUsers(1)).andThen(
                flow.players().injectOpen(rampUsers(PLAYERS).during(JOIN_PHASE)),
                flow.hosts().injectOpen(atOnceUsers(1))))
                .protocols(Load.protocol())
                // a bound, so that a stuck connection can never hold the run open
                .maxDuration(JOIN_PHASE.plusMinutes(Load.intProperty("maxMinutesAfterJoins", 6)))
                .assertions(
                        global().failedRequests().count().is(0L),
                        details(GameFlow.JOIN).responseTime().percentile(95.0).lt(Load.intProperty("target.joinP95Ms", 200)),
                        details("answer → received").responseTime().percentile(95.0).lt((int) flow.ackP95Target),
                        details("answer → received").responseTime().percentile(99.0).lt(Load.intProperty("target.ackP99Ms", 250)));
    }

    @Override
    public void after() {
        flow.printSummary("LiveGameSimulation", "live-game-summary.txt");
    }
}
