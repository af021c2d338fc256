package io.quizplatform.platform.redis;

import io.quizplatform.platform.ServiceSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.UnifiedJedis;

/**
 * The service's pooled Redis client, for the topology the operator configured ({@link RedisTopology}: one server,
 * a Redis Cluster or Sentinel).
 */
@ApplicationScoped
public class RedisConnection {

    @Inject
    ServiceSettings settings;

    private volatile UnifiedJedis client;

    public UnifiedJedis client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    client = RedisTopology.of(settings.redisUrl(), settings.redisMode(), settings.redisNodes(),
                            settings.redisSentinelMaster()).open();
                }
            }
        }
        return client;
    }

    @PreDestroy
    void close() {
        UnifiedJedis c = client;
        client = null;
        if (c != null) {
            c.close();
        }
    }
}
