package io.quizplatform.quiz.infrastructure.redis;

import io.quizplatform.platform.redis.RedisConnection;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.exceptions.JedisException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Which players of a game have a connection open, on any instance: a Redis hash per game, player id -> number of
 * open connections (a player may have two tabs, or a new connection before the old one timed out). Expires a while
 * after the last change so an instance that died cannot keep players online forever. Changes are collected and
 * written every {@value #FLUSH_MS} ms in one pipeline: ten thousand phones connecting at once cost a handful of
 * round trips, not ten thousand.
 */
@ApplicationScoped
public class GamePresence {

    private static final Logger LOG = Logger.getLogger(GamePresence.class.getName());
    private static final long TTL_SECONDS = 6 * 3600;
    static final long FLUSH_MS = 50;
    /** Adds to a player's connection count and drops the player once it reaches zero, atomically. */
    private static final String CHANGE = "local n = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2]) "
            + "if n <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end return n";

    @Inject
    RedisConnection redis;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** game id -> player id -> connections opened minus closed since the last flush */
    private final Map<String, Map<String, Integer>> unwritten = new ConcurrentHashMap<>();
    private ScheduledFuture<?> flusher;

    @PostConstruct
    void start() {
        flusher = scheduler.scheduleWithFixedDelay(this::flush, FLUSH_MS, FLUSH_MS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (flusher != null) {
            flusher.cancel(false);
        }
    }

    public void connected(String gameId, String playerId) {
        change(gameId, playerId, 1);
    }

    public void disconnected(String gameId, String playerId) {
        change(gameId, playerId, -1);
    }

    /** How many players have a connection open (as last written), or -1 when Redis cannot say. O(1). */
    public long onlineCount(String gameId) {
        try {
            return redis.client().hlen(key(gameId));
        } catch (JedisException e) {
            return -1;
        }
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
            // Changes of this instance not yet written count too.
            unwritten.getOrDefault(gameId, Map.of()).forEach((player, delta) -> {
                long now = Long.parseLong(counts.getOrDefault(player, "0")) + delta;
                if (now > 0) {
                    online.add(player);
                } else {
                    online.remove(player);
                }
            });
            return Optional.of(online);
        } catch (JedisException | NumberFormatException e) {
            LOG.fine(() -> "presence of game " + gameId + " unknown: " + e);
            return Optional.empty();
        }
    }

    private void change(String gameId, String playerId, int delta) {
        // Under the map's lock for this game, so a flush taking the game's changes cannot lose this one.
        unwritten.compute(gameId, (g, deltas) -> {
            Map<String, Integer> d = deltas == null ? new ConcurrentHashMap<>() : deltas;
            d.merge(playerId, delta, Integer::sum);
            return d;
        });
    }

    void flush() {
        if (unwritten.isEmpty()) {
            return;
        }
        Map<String, Map<String, Integer>> batch = new HashMap<>();
        for (String gameId : new ArrayList<>(unwritten.keySet())) {
            Map<String, Integer> deltas = unwritten.remove(gameId);
            if (deltas != null) {
                batch.put(gameId, deltas);
            }
        }
        try (AbstractPipeline pipe = redis.client().pipelined()) {
            batch.forEach((gameId, deltas) -> {
                String key = key(gameId);
                deltas.forEach((player, delta) -> {
                    if (delta != 0) {
                        pipe.eval(CHANGE, List.of(key), List.of(player, Integer.toString(delta)));
                    }
                });
                pipe.expire(key, TTL_SECONDS);
            });
            pipe.sync();
        } catch (JedisException e) {
            // Presence only lets a question close early; without it the question runs to its time limit.
            LOG.fine(() -> "presence not recorded: " + e);
        } catch (RuntimeException e) {
            LOG.fine(() -> "presence flush failed: " + e);
        }
    }

    private static String key(String gameId) {
        return "qp:game:" + gameId + ":online";
    }
}
