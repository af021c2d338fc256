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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Which players of a game have a connection open, on any instance. This instance's own connections are the truth
 * (kept here in memory); Redis holds a copy per instance and game, a set {@code qp:game:{id}:online:<instance>}
 * listed in {@code qp:game:{id}:instances}, so "everyone answered" covers every instance.
 *
 * <p>The copy follows the local truth: within {@value #FLUSH_MS} ms of a change, the players who came or went since
 * the last write are added or removed (a class of 10,000 joining rewrote the whole set twenty times a second), and
 * every {@value #REFRESH_SECONDS} s each game's whole set is rewritten from the local truth. The quick write is
 * scheduled by the change itself (and again after a failed write), so with no change nothing runs. A Redis that was
 * restarted (and lost everything) or a write that failed is therefore repaired within seconds without anyone's
 * help; an instance that died stops being counted when its sets expire ({@value #TTL_SECONDS} s). The keys of one
 * game share a hash tag, so the multi-key reads also work on a Redis Cluster.
 */
@ApplicationScoped
public class GamePresence implements io.quizplatform.quiz.application.live.PlayersOnline {

    private static final Logger LOG = Logger.getLogger(GamePresence.class.getName());
    static final long FLUSH_MS = 50;
    static final long REFRESH_SECONDS = 5;
    static final long TTL_SECONDS = 30;

    @Inject
    RedisConnection redis;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final String instance = UUID.randomUUID().toString().substring(0, 13);
    /** game id -> player id -> connections open on this instance */
    private final Map<String, Map<String, Integer>> local = new ConcurrentHashMap<>();
    /** game id -> players who came or went since the last write (added in compute: a flush never loses one). */
    private final Map<String, Set<String>> cameOrWent = new ConcurrentHashMap<>();
    /** Games whose whole copy is to be written again (a write of them failed). */
    private final Set<String> rewrite = ConcurrentHashMap.newKeySet();
    /** The quick writes and the refresh one at a time: a refresh's whole set must not land over a later change. */
    private final Object writing = new Object();
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private volatile boolean redisWasDown;
    /** A flush is scheduled and has not started yet: later changes ride on it. */
    private final AtomicBoolean flushScheduled = new AtomicBoolean();

    @PostConstruct
    void start() {
        tasks.add(scheduler.scheduleWithFixedDelay(this::refreshAll, REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS));
    }

    @PreDestroy
    void stop() {
        tasks.forEach(t -> t.cancel(false));
        // A graceful stop takes this instance's players out at once rather than when the sets expire.
        try (AbstractPipeline pipe = redis.client().pipelined()) {
            local.keySet().forEach(gameId -> {
                pipe.del(key(gameId));
                pipe.srem(instancesKey(gameId), instance);
            });
            pipe.sync();
        } catch (RuntimeException e) {
            LOG.fine(() -> "presence not cleared at stop: " + e);
        }
    }

    @Override
    public void connected(String gameId, String playerId) {
        local.computeIfAbsent(gameId, g -> new ConcurrentHashMap<>()).merge(playerId, 1, Integer::sum);
        changed(gameId, playerId);
    }

    @Override
    public void disconnected(String gameId, String playerId) {
        local.computeIfPresent(gameId, (g, players) -> {
            players.computeIfPresent(playerId, (p, n) -> n <= 1 ? null : n - 1);
            return players.isEmpty() ? null : players;
        });
        changed(gameId, playerId);
    }

    /** The game's copy is behind: written within {@value #FLUSH_MS} ms, together with whatever else changes meanwhile. */
    private void changed(String gameId, String playerId) {
        cameOrWent.compute(gameId, (g, players) -> {
            Set<String> marked = players != null ? players : new HashSet<>();
            marked.add(playerId);
            return marked;
        });
        flushSoon();
    }

    private void flushSoon() {
        if (flushScheduled.compareAndSet(false, true)) {
            try {
                scheduler.schedule(() -> {
                    flushScheduled.set(false); // a change from now on schedules the next flush
                    flush();
                }, FLUSH_MS, TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                // The application is stopping: the refresh (or the sets' expiry) takes care of it.
                flushScheduled.set(false);
            }
        }
    }

    /**
     * A lower bound of how many players have a connection open (the largest instance's count), or -1 when Redis
     * cannot say. Cheap: a question cannot have been answered by everyone while fewer answers than this are in.
     */
    @Override
    public long onlineCount(String gameId) {
        try {
            long most = 0;
            for (String other : redis.client().smembers(instancesKey(gameId))) {
                most = Math.max(most, redis.client().scard(key(gameId, other)));
            }
            return Math.max(most, local.getOrDefault(gameId, Map.of()).size());
        } catch (JedisException e) {
            return -1;
        }
    }

    /** The players with at least one open connection on any instance, or empty when Redis cannot say. */
    @Override
    public Optional<Set<String>> online(String gameId) {
        try {
            // The other instances' copies, and this instance's own players from memory (known for sure, written or not).
            String[] others = redis.client().smembers(instancesKey(gameId)).stream().filter(i -> !i.equals(instance))
                    .map(i -> key(gameId, i)).toArray(String[]::new);
            Set<String> online = new HashSet<>();
            if (others.length > 0) {
                online.addAll(redis.client().sunion(others));
            }
            online.addAll(local.getOrDefault(gameId, Map.of()).keySet());
            return Optional.of(online);
        } catch (JedisException e) {
            LOG.fine(() -> "presence of game " + gameId + " unknown: " + e);
            return Optional.empty();
        }
    }

    void flush() {
        synchronized (writing) {
            Set<String> whole = new HashSet<>(rewrite);
            rewrite.removeAll(whole);
            Map<String, Set<String>> players = new java.util.HashMap<>();
            for (String gameId : cameOrWent.keySet()) {
                Set<String> came = cameOrWent.remove(gameId);
                if (came != null && !whole.contains(gameId)) {
                    players.put(gameId, came);
                }
            }
            write(whole, players);
        }
    }

    void refreshAll() {
        synchronized (writing) {
            write(new HashSet<>(local.keySet()), Map.of());
        }
    }

    /**
     * Rewrites this instance's set of each of {@code whole} from the local truth, and adds or removes the players
     * {@code cameOrWent} as the local truth now has them, in one pipeline.
     */
    private void write(Set<String> whole, Map<String, Set<String>> cameOrWent) {
        if (whole.isEmpty() && cameOrWent.isEmpty()) {
            return;
        }
        try (AbstractPipeline pipe = redis.client().pipelined()) {
            for (Map.Entry<String, Set<String>> game : cameOrWent.entrySet()) {
                String gameId = game.getKey();
                Map<String, Integer> here = local.getOrDefault(gameId, Map.of());
                if (here.isEmpty()) {
                    noneHere(pipe, gameId);
                    continue;
                }
                String[] came = game.getValue().stream().filter(here::containsKey).toArray(String[]::new);
                String[] went = game.getValue().stream().filter(p -> !here.containsKey(p)).toArray(String[]::new);
                if (came.length > 0) {
                    pipe.sadd(key(gameId), came);
                }
                if (went.length > 0) {
                    pipe.srem(key(gameId), went);
                }
                keepListed(pipe, gameId);
            }
            for (String gameId : whole) {
                String key = key(gameId);
                Set<String> players = Set.copyOf(local.getOrDefault(gameId, Map.of()).keySet());
                if (players.isEmpty()) {
                    noneHere(pipe, gameId);
                } else {
                    // Built aside and renamed over the old set: a reader sees the old set or the new one, whole.
                    String next = key + ":next";
                    pipe.del(next);
                    pipe.sadd(next, players.toArray(String[]::new));
                    pipe.rename(next, key);
                    keepListed(pipe, gameId);
                }
            }
            pipe.sync();
            if (redisWasDown) {
                redisWasDown = false;
                LOG.info(() -> "Redis answers again: connected players of " + local.size() + " games written back");
            }
        } catch (RuntimeException e) {
            // Written again, whole, at the next flush; meanwhile questions run to their time limit.
            rewrite.addAll(whole);
            rewrite.addAll(cameOrWent.keySet());
            flushSoon();
            if (!redisWasDown) {
                redisWasDown = true;
                LOG.warning(() -> "Redis unreachable: connected players not recorded, questions close at their time limit"
                        + " until it is back (" + e.getClass().getSimpleName() + ")");
            }
        }
    }

    /** No player of the game is connected here: this instance's set goes, and it is no longer listed. */
    private void noneHere(AbstractPipeline pipe, String gameId) {
        pipe.del(key(gameId));
        pipe.srem(instancesKey(gameId), instance);
    }

    /** This instance's set and its place in the game's list of instances live another {@value #TTL_SECONDS} s. */
    private void keepListed(AbstractPipeline pipe, String gameId) {
        pipe.expire(key(gameId), TTL_SECONDS);
        pipe.sadd(instancesKey(gameId), instance);
        pipe.expire(instancesKey(gameId), TTL_SECONDS);
    }

    private String key(String gameId) {
        return key(gameId, instance);
    }

    private static String key(String gameId, String instance) {
        return "qp:game:{" + gameId + "}:online:" + instance;
    }

    private static String instancesKey(String gameId) {
        return "qp:game:{" + gameId + "}:instances";
    }
}
