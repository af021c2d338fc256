package io.quizplatform.platform.security;

import io.quizplatform.platform.redis.RedisConnection;
import org.eclipse.microprofile.metrics.Counter;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The deny-list with Redis unreachable: what it fails open on, and what it still refuses from memory. */
class TokenDenyListTest {

    private final CountingCounter counted = new CountingCounter();
    private final TokenDenyList denyList = unreachableRedis();

    @Test
    void failsOpenForATokenItKnowsNothingAbout() {
        assertThat(denyList.check("some-jti", "user-1", 1_000)).isEqualTo(TokenDenyList.Verdict.ACCEPTED);
        assertThat(counted.count).isEqualTo(1);
    }

    @Test
    void aCutoffThisInstanceRecordedStillVoidsOlderTokensWhileRedisIsDown() {
        Instant validFrom = Instant.ofEpochSecond(2_000);
        assertThatThrownBy(() -> denyList.endSessions("user-1", validFrom, Instant.now().plusSeconds(3600)))
                .isInstanceOf(RuntimeException.class);

        assertThat(denyList.check("old", "user-1", 1_999)).isEqualTo(TokenDenyList.Verdict.SESSIONS_ENDED);
        assertThat(denyList.check("new", "user-1", 2_000)).isEqualTo(TokenDenyList.Verdict.ACCEPTED);
        assertThat(denyList.check("other", "user-2", 1_000)).isEqualTo(TokenDenyList.Verdict.ACCEPTED);
    }

    @Test
    void theLaterOfTwoCutoffsWins() {
        Instant later = Instant.ofEpochSecond(3_000);
        try {
            denyList.endSessions("user-1", later, Instant.now().plusSeconds(3600));
        } catch (RuntimeException expected) {
            // Redis is unreachable in this test
        }
        try {
            denyList.endSessions("user-1", Instant.ofEpochSecond(2_000), Instant.now().plusSeconds(3600));
        } catch (RuntimeException expected) {
            // Redis is unreachable in this test
        }
        assertThat(denyList.check("t", "user-1", 2_500)).isEqualTo(TokenDenyList.Verdict.SESSIONS_ENDED);
    }

    @Test
    void aLapsedCutoffIsForgotten() {
        try {
            denyList.endSessions("user-1", Instant.ofEpochSecond(2_000), Instant.now().minusSeconds(1));
        } catch (RuntimeException expected) {
            // Redis is unreachable in this test
        }
        assertThat(denyList.check("t", "user-1", 1_000)).isEqualTo(TokenDenyList.Verdict.ACCEPTED);
    }

    private TokenDenyList unreachableRedis() {
        TokenDenyList list = new TokenDenyList();
        list.redis = new RedisConnection() {
            private final JedisPooled nowhere = new JedisPooled(new HostAndPort("127.0.0.1", 1),
                    DefaultJedisClientConfig.builder().connectionTimeoutMillis(200).socketTimeoutMillis(200).build());

            @Override
            public JedisPooled client() {
                return nowhere;
            }
        };
        list.unavailable = counted;
        return list;
    }

    private static final class CountingCounter implements Counter {
        long count;

        @Override
        public void inc() {
            count++;
        }

        @Override
        public void inc(long n) {
            count += n;
        }

        @Override
        public long getCount() {
            return count;
        }
    }
}
