package io.quizplatform.quiz.infrastructure.redis;

import io.quizplatform.platform.redis.RedisConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.exceptions.JedisException;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Which players of a game have a connection open, on any instance: a Redis hash per game, player id -> number of
 * open connections (a player may have two tabs, or a new connection before the old one timed out). Expires a while
 * after the last change so an instance that died cannot keep players online forever.
 */
@ApplicationScoped
public class GamePresence {

    private static final Logger LOG = Logger.getLogger(GamePresence.class.getName());
    private static final long TTL_SECONDS = 6 * 3600;

    @Inject
    RedisConnection redis;

    public void connected(String gameId, String playerId) {
        change(gameId, playerId, 1);
    }

    public void disconnected(String gameId, String playerId) {
        change(gameId, playerId, -1);
    }

    /** The players with at least one open connection, or empty when Redis cannot say. */
    public Optional<Set<String>> online(String gameId) {
        try {
            Map<String, String> counts = redis.client().hgetAll(key(gameId));
            Set<String> online = new HashSet<>();
            counts.forEach((player, count) -> {
                if (Long.parseLong(count) > 0) {
                    online.add(player);
                }
            });
            return Optional.of(online);
        } catch (JedisException | NumberFormatException e) {
            LOG.fine(() -> "presence of game " + gameId + " unknown: " + e);
            return Optional.empty();
        }
    }

    private void change(String gameId, String playerId, long delta) {
        try {
            String key = key(gameId);
            long now = redis.client().hincrBy(key, playerId, delta);
            if (now <= 0) {
                redis.client().hdel(key, playerId);
            }
            redis.client().expire(key, TTL_SECONDS);
        } catch (JedisException e) {
            // Presence only lets a question close early; without it the question runs to its time limit.
            LOG.fine(() -> "presence of game " + gameId + " not recorded: " + e);
        }
    }

    private static String key(String gameId) {
        return "qp:game:" + gameId + ":online";
    }
}
