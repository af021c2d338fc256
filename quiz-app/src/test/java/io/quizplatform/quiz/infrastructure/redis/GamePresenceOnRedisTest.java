package io.quizplatform.quiz.infrastructure.redis;

import io.quizplatform.platform.redis.RedisConnection;
import io.quizplatform.platform.redis.RedisTopology;
import io.quizplatform.platform.redis.testing.RealRedis;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances' presence on a real Redis Cluster of three primaries: what one instance writes (the players who came
 * or went, the whole set at the refresh, the whole set again after a failed write) is what the other reads. The
 * writes are run by the test (the scheduler only records), so each step is one flush.
 */
class GamePresenceOnRedisTest {

    private static RealRedis cluster;
    private static UnifiedJedis client;

    /** Redis as the instances reach it: away while {@link #away} is set (the rest is the real cluster). */
    private static volatile boolean away;

    final String game = UUID.randomUUID().toString();
    final GamePresence first = presence();
    final GamePresence second = presence();

    @BeforeAll
    static void cluster() throws Exception {
        cluster = RealRedis.cluster();
        client = RedisTopology.of(cluster.firstUrl(), "cluster", cluster.nodes(), "").open();
    }

    @AfterAll
    static void stop() {
        client.close();
        cluster.close();
    }

    @BeforeEach
    void start() {
        away = false;
        first.start();
        second.start();
    }

    @AfterEach
    void leave() {
        away = false;
        first.stop();
        second.stop();
    }

    @Test
    void eachInstanceSeesThePlayersOfTheOther() {
        first.connected(game, "ada");
        first.connected(game, "bob");
        second.connected(game, "cy");
        first.flush();
        second.flush();

        assertThat(second.online(game)).contains(Set.of("ada", "bob", "cy"));
        assertThat(first.online(game)).contains(Set.of("ada", "bob", "cy"));
        assertThat(second.onlineCount(game)).as("the largest instance's count").isEqualTo(2);
    }

    @Test
    void theCopyFollowsWhoCameAndWhoWent() {
        connectedAndWritten(first, "ada", "bob");

        first.disconnected(game, "bob");
        first.connected(game, "dan");
        first.flush();

        assertThat(second.online(game)).contains(Set.of("ada", "dan"));
    }

    @Test
    void aPlayerOnTwoConnectionsStaysUntilTheLastCloses() {
        first.connected(game, "ada");
        first.connected(game, "ada");
        first.flush();

        first.disconnected(game, "ada");
        first.flush();
        assertThat(second.online(game)).contains(Set.of("ada"));

        first.disconnected(game, "ada");
        first.flush();
        assertThat(second.online(game)).contains(Set.of());
    }

    @Test
    void anInstanceWithNoPlayerLeftIsNoLongerListed() {
        first.connected(game, "ada");
        second.connected(game, "cy");
        first.flush();
        second.flush();
        assertThat(client.smembers(instancesKey())).hasSize(2);

        first.disconnected(game, "ada");
        first.flush();

        assertThat(client.smembers(instancesKey())).hasSize(1);
        assertThat(first.online(game)).contains(Set.of("cy"));
    }

    @Test
    void theRefreshWritesTheWholeSetBackAfterRedisLostEverything() {
        connectedAndWritten(first, "ada", "bob");
        client.del(instancesKey());
        assertThat(second.online(game)).contains(Set.of());

        first.refreshAll();

        assertThat(second.online(game)).contains(Set.of("ada", "bob"));
    }

    @Test
    void aFailedWriteIsFollowedByTheWholeSetOnceRedisAnswers() {
        connectedAndWritten(first, "ada", "bob");

        away = true;
        first.disconnected(game, "ada");
        first.connected(game, "eve");
        first.flush(); // fails: the game is marked for a whole write (who came or went is not kept apart)

        away = false;
        first.flush();

        assertThat(second.online(game)).contains(Set.of("bob", "eve"));
    }

    /** The players connect to {@code presence}, and it writes its copy. */
    private void connectedAndWritten(GamePresence presence, String... players) {
        for (String player : players) {
            presence.connected(game, player);
        }
        presence.flush();
    }

    private String instancesKey() {
        return "qp:game:{" + game + "}:instances";
    }

    private static GamePresence presence() {
        GamePresence presence = new GamePresence();
        presence.redis = new RedisConnection() {
            @Override
            public UnifiedJedis client() {
                if (away) {
                    throw new JedisConnectionException("Redis is away in this step");
                }
                return client;
            }
        };
        presence.scheduler = (ManagedScheduledExecutorService) Proxy.newProxyInstance(
                GamePresenceOnRedisTest.class.getClassLoader(), new Class<?>[]{ManagedScheduledExecutorService.class},
                (proxy, method, args) -> switch (method.getName()) {
                    // The test runs each write itself; the refresh's handle is only ever cancelled.
                    case "schedule", "scheduleWithFixedDelay" -> Proxy.newProxyInstance(
                            GamePresenceOnRedisTest.class.getClassLoader(), new Class<?>[]{ScheduledFuture.class},
                            (future, call, callArgs) -> call.getName().equals("cancel") ? Boolean.TRUE : null);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return presence;
    }
}
