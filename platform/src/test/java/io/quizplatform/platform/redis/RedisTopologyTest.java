package io.quizplatform.platform.redis;

import io.quizplatform.platform.redis.testing.RealRedis;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.UnifiedJedis;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The three Redis topologies against real servers: the platform's own operations (the rate limiter's script, the
 * deny-list's two reads, a game's presence sets) work on a single server, a Redis Cluster of three primaries and a
 * primary behind Sentinel.
 */
class RedisTopologyTest {

    private static final String COUNT_ATTEMPT = io.quizplatform.platform.security.RateLimiter.COUNT_ATTEMPT;
    private static final String COUNT_DISTINCT = io.quizplatform.platform.security.RateLimiter.COUNT_DISTINCT;
    private static final String GIVE_BACK_DISTINCT = io.quizplatform.platform.security.RateLimiter.GIVE_BACK_DISTINCT;

    @Test
    void aClusterRunsThePlatformsOperationsWhateverSlotTheirKeysAreIn() throws Exception {
        try (RealRedis cluster = RealRedis.cluster();
             UnifiedJedis redis = RedisTopology.of(cluster.firstUrl(), "cluster", cluster.nodes(), "").open()) {
            platformOperationsWork(redis);
            // What the hash tags are for: a cluster refuses a multi-key command over keys in different slots.
            redis.set("plain-a", "1");
            redis.set("plain-b", "2");
            assertThatThrownBy(() -> redis.sunion("plain-a", "plain-b")).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void sentinelLeadsToThePrimaryAndTheClientFollowsAFailover() throws Exception {
        try (RealRedis sentinel = RealRedis.sentinel();
             UnifiedJedis redis = RedisTopology.of("redis://127.0.0.1:1", "sentinel", sentinel.nodes(),
                     RealRedis.SENTINEL_MASTER).open()) {
            platformOperationsWork(redis);
            redis.set("survives-failover", "yes");
            assertThat(redis.waitReplicas("survives-failover", 1, 2000)).as("replicas that have the write").isEqualTo(1);

            sentinel.killPrimaryAndAwaitFailover();

            // The client learns the new primary from the sentinel; until it has, a command may fail.
            String value = null;
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
            while (value == null && java.time.Instant.now().isBefore(deadline)) {
                try {
                    redis.set("written-after-failover", "1");
                    value = redis.get("survives-failover");
                } catch (RuntimeException notYet) {
                    Thread.sleep(200);
                }
            }
            assertThat(value).as("what was written before the failover, read from the promoted replica").isEqualTo("yes");
            assertThat(redis.get("written-after-failover")).isEqualTo("1");
        }
    }

    @Test
    void settingsAreReadStrictlyAndCredentialsNeverShown() {
        RedisTopology standalone = RedisTopology.of("rediss://quiz:s3cret@redis.example:6380", "", "", "");
        assertThat(standalone.mode()).isEqualTo(RedisTopology.Mode.STANDALONE);
        assertThat(standalone.tls()).isTrue();
        assertThat(standalone.user()).isEqualTo("quiz");
        assertThat(standalone.toString()).doesNotContain("s3cret").contains("with credentials");

        RedisTopology cluster = RedisTopology.of("redis://:pw@seed:7000", "CLUSTER", "a:7000, b:7001,c:7002", "");
        assertThat(cluster.nodes()).hasSize(3);
        assertThat(cluster.user()).isNull();
        assertThat(cluster.password()).isEqualTo("pw");

        assertThatThrownBy(() -> RedisTopology.of("redis://h:1", "replicated", "", ""))
                .hasMessageContaining("REDIS_MODE");
        assertThatThrownBy(() -> RedisTopology.of("redis://h:1", "sentinel", "s:26379", ""))
                .hasMessageContaining("REDIS_SENTINEL_MASTER");
        assertThatThrownBy(() -> RedisTopology.of("http://h:1", "", "", "")).hasMessageContaining("REDIS_URL");
    }

    @Test
    void aPasswordThatIsNoPartOfAUrlIsRefusedWithoutBeingShownOrTakenApartFromTheUrl() {
        // Unencoded: a '/' or '#' ends the authority early (no host: Redis unreachable on every call, silently), a
        // stray '%' is no URL at all; the failure must not quote the URL into the start's message.
        for (String url : List.of("redis://:ab/cd@redis:6379", "redis://:ab#cd@redis:6379", "redis://:p%zzq@redis:6379",
                "redis://:a b@redis:6379", "redis://:a@b@redis:6379")) {
            assertThatThrownBy(() -> RedisTopology.of(url, "", "", "")).as(url)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("REDIS_URL")
                    .hasMessageNotContaining("redis:6379");
        }
        // Percent-encoded in the URL, or set apart (any character) in REDIS_USERNAME / REDIS_PASSWORD.
        assertThat(RedisTopology.of("redis://quiz:ab%2Fcd%23e@redis:6379", "", "", "").password()).isEqualTo("ab/cd#e");
        RedisTopology apart = RedisTopology.of("rediss://redis:6380", "", "", "").withCredentials("quiz", "ab/cd#e% @");
        assertThat(apart.nodes()).containsExactly(new HostAndPort("redis", 6380));
        assertThat(apart.user()).isEqualTo("quiz");
        assertThat(apart.password()).isEqualTo("ab/cd#e% @");
        assertThat(apart.toString()).doesNotContain("ab/cd").contains("with credentials");
        RedisTopology fromUrl = RedisTopology.of("redis://u:p@redis:6379", "", "", "");
        assertThat(fromUrl.withCredentials("", "")).isEqualTo(fromUrl);
    }

    @SuppressWarnings("unchecked")
    private static List<Long> distinct(UnifiedJedis redis, String key, String value) {
        return (List<Long>) redis.eval(COUNT_DISTINCT, List.of(key), List.of("60", value, "2"));
    }

    private static void platformOperationsWork(UnifiedJedis redis) {
        // The rate limiter: counted in its window, atomically.
        @SuppressWarnings("unchecked")
        List<Long> first = (List<Long>) redis.eval(COUNT_ATTEMPT, List.of("rate:test:join:1.2.3.4"), List.of("60"));
        @SuppressWarnings("unchecked")
        List<Long> second = (List<Long>) redis.eval(COUNT_ATTEMPT, List.of("rate:test:join:1.2.3.4"), List.of("60"));
        assertThat(first.get(0)).isEqualTo(1);
        assertThat(second.get(0)).isEqualTo(2);
        assertThat(second.get(1)).isBetween(1L, 60L);

        // Its distinct values, two at most here: a value tried again is never refused, a third new one is, and is not
        // kept; a value given back as often as it was tried is forgotten, which makes room for another.
        String misses = "rate:test:join-wrong-pins:1.2.3.4";
        assertThat(distinct(redis, misses, "111111").get(0)).isEqualTo(1);
        assertThat(distinct(redis, misses, "222222").get(0)).isEqualTo(2);
        assertThat(distinct(redis, misses, "111111").get(0)).isZero();
        List<Long> third = distinct(redis, misses, "333333");
        assertThat(third.get(0)).isEqualTo(3);
        assertThat(third.get(1)).isBetween(1L, 60L);
        assertThat(redis.hkeys(misses)).containsExactlyInAnyOrder("111111", "222222");
        redis.eval(GIVE_BACK_DISTINCT, List.of(misses), List.of("222222"));
        redis.eval(GIVE_BACK_DISTINCT, List.of(misses), List.of("111111"));
        assertThat(redis.hkeys(misses)).containsExactly("111111");
        assertThat(distinct(redis, misses, "333333").get(0)).isEqualTo(2);

        // The deny-list's two reads in one round trip (keys in different slots on a cluster).
        redis.setex("qp:denied:token-1", 60, "1");
        try (AbstractPipeline pipe = redis.pipelined()) {
            Response<String> token = pipe.get("qp:denied:token-1");
            Response<String> cutoff = pipe.get("qp:cutoff:user-1");
            pipe.sync();
            assertThat(token.get()).isEqualTo("1");
            assertThat(cutoff.get()).isNull();
        }

        // A game's presence: one set per instance, united over the game's hash tag.
        redis.sadd("qp:game:{g1}:online:a", "p1", "p2");
        redis.sadd("qp:game:{g1}:online:b", "p2", "p3");
        assertThat(redis.sunion("qp:game:{g1}:online:a", "qp:game:{g1}:online:b")).containsExactlyInAnyOrder("p1", "p2", "p3");
    }
}
