package io.quizplatform.loadtest;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;

import io.gatling.javaapi.core.Simulation;

import java.time.Duration;

/**
 * Many classrooms at once: {@code games} games of {@code playersPerGame} players, each game run by its own host
 * (issue 13's target: every game's ack p95 &lt; 50 ms and fan-out p99 &lt; 100 ms, time-up closes within 100 ms).
 * Each host checks its own game's figures ("target: ..." in the report); the summary gives the median and worst game.
 *
 * <pre>
 * ./mvnw -pl load-tests gatling:test -Dgatling.simulationClass=io.quizplatform.loadtest.ManyClassroomsSimulation \
 *     -Dgames=50 -DplayersPerGame=10        # 500x20 and 100x100 on a bigger machine
 * </pre>
 */
public class ManyClassroomsSimulation extends Simulation {

    static final int GAMES = Load.intProperty("games", 50);
    static final int PLAYERS_PER_GAME = Load.intProperty("playersPerGame", 10);
    static final double JOINS_PER_SECOND = Load.doubleProperty("joinsPerSecond", 100);
    /**
     * Each host registers and logs in (two PBKDF2 hashes of 210,000 iterations, about 0.4 s of one core each here):
     * at 5 a second, 500 hosts overran two cores and 212 registrations timed out after 60 s (2026-12-06).
     */
    static final double HOSTS_PER_SECOND = Load.doubleProperty("hostsPerSecond", 2);
    static final Duration SETUP_PHASE = Duration.ofMillis((long) Math.ceil(GAMES / HOSTS_PER_SECOND * 1000));
    static final Duration JOIN_PHASE = Duration.ofMillis((long) Math.ceil(GAMES * PLAYERS_PER_GAME / JOINS_PER_SECOND * 1000));

    final GameFlow flow = new GameFlow(GAMES, PLAYERS_PER_GAME, JOIN_PHASE, 50, 100);

    {
        setUp(flow.setup().injectOpen(rampUsers(GAMES).during(SETUP_PHASE)).andThen(
                flow.players().injectOpen(rampUsers(GAMES * PLAYERS_PER_GAME).during(JOIN_PHASE)),
                flow.hosts().injectOpen(rampUsers(GAMES).during(Duration.ofSeconds(1)))))
                .protocols(Load.protocol())
                // a bound, so that a stuck connection can never hold the run open
                .maxDuration(SETUP_PHASE.plus(JOIN_PHASE).plusMinutes(Load.intProperty("maxMinutesAfterJoins", 6)))
                .assertions(
                        global().failedRequests().count().is(0L),
                        details(GameFlow.JOIN).responseTime().percentile(95.0).lt(Load.intProperty("target.joinP95Ms", 200)));
    }

    @Override
    public void after() {
        flow.printSummary("ManyClassroomsSimulation", "many-classrooms-summary.txt");
    }
}
