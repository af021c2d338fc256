package io.quizplatform.quiz.infrastructure.redis;

import io.quizplatform.platform.redis.RedisConnection;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick write of the presence copy runs because something changed, never on a clock: an idle instance
 * schedules nothing but the 5 s refresh. (Against a scheduler that only records; Redis here is away.)
 */
class GamePresenceSchedulingTest {

    final List<Runnable> scheduledOnce = new CopyOnWriteArrayList<>();
    final List<Runnable> recurring = new CopyOnWriteArrayList<>();
    final GamePresence presence = new GamePresence();

    @BeforeEach
    void setUp() {
        presence.scheduler = (ManagedScheduledExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ManagedScheduledExecutorService.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "schedule" -> {
                        scheduledOnce.add((Runnable) args[0]);
                        yield null;
                    }
                    case "scheduleWithFixedDelay" -> {
                        recurring.add((Runnable) args[0]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        presence.redis = new RedisConnection() {
            @Override
            public JedisPooled client() {
                throw new JedisConnectionException("Redis is away in this test");
            }
        };
        presence.start();
    }

    @Test
    void withNoChangeOnlyTheRefreshIsScheduled() {
        assertThat(recurring).hasSize(1);
        assertThat(scheduledOnce).isEmpty();
    }

    @Test
    void changesBeforeTheFlushRideOnOneFlush() {
        for (int i = 0; i < 100; i++) {
            presence.connected("game-1", "player-" + i);
        }
        presence.disconnected("game-1", "player-7");

        assertThat(scheduledOnce).hasSize(1);
    }

    @Test
    void aChangeAfterTheFlushStartedSchedulesTheNextOne() {
        presence.connected("game-1", "player-1");
        scheduledOnce.remove(0).run(); // Redis away: the write fails and is tried again
        assertThat(scheduledOnce).hasSize(1);

        presence.connected("game-1", "player-2");
        assertThat(scheduledOnce).hasSize(1);
    }
}
