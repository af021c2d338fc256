package io.quizplatform.platform.redis;

import io.quizplatform.platform.ServiceSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

import java.net.URI;

/**
 * The service's pooled Redis client. Timeouts are short on purpose: Redis is a cache here, and a slow cache must
 * fail fast so the caller can fall back to PostgreSQL.
 */
@ApplicationScoped
public class RedisConnection {

    @Inject
    ServiceSettings settings;

    private volatile JedisPooled client;

    public JedisPooled client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    URI uri = URI.create(settings.redisUrl());
                    var config = DefaultJedisClientConfig.builder()
                            .connectionTimeoutMillis(500)
                            .socketTimeoutMillis(1000)
                            .ssl("rediss".equals(uri.getScheme()));
                    String userInfo = uri.getUserInfo();
                    if (userInfo != null && !userInfo.isEmpty()) {
                        int colon = userInfo.indexOf(':');
                        if (colon >= 0) {
                            if (colon > 0) {
                                config.user(userInfo.substring(0, colon));
                            }
                            config.password(userInfo.substring(colon + 1));
                        } else {
                            config.password(userInfo);
                        }
                    }
                    client = new JedisPooled(new HostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379),
                            config.build());
                }
            }
        }
        return client;
    }

    @PreDestroy
    void close() {
        JedisPooled c = client;
        client = null;
        if (c != null) {
            c.close();
        }
    }
}
