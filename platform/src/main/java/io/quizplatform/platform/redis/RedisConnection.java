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

    private volatile RedisTopology topology;
    private volatile UnifiedJedis client;

    /**
     * The configured topology, read once. The service reads it at start ({@code ServiceLifecycle}), so a setting
     * that is wrong (an unknown REDIS_MODE, sentinel without a master name) stops the start with a message naming it,
     * instead of showing up later as Redis being unreachable.
     */
    public RedisTopology topology() {
        if (topology == null) {
            topology = RedisTopology.of(settings.redisUrl(), settings.redisMode(), settings.redisNodes(),
                    settings.redisSentinelMaster()).withCredentials(settings.redisUsername(), settings.redisPassword());
        }
        return topology;
    }

    public UnifiedJedis client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    client = topology().open();
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
