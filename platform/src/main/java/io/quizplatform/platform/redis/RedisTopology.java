package io.quizplatform.platform.redis;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.UnifiedJedis;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where Redis is and how to reach it: one server (the default), a Redis Cluster, or a primary watched by Sentinel.
 * Operators set {@code REDIS_URL} ({@code redis://} or {@code rediss://} for TLS), the credentials in
 * {@code REDIS_USERNAME} and {@code REDIS_PASSWORD} (or, percent-encoded, in the URL as
 * {@code redis://user:password@host:port}), and for the other two {@code REDIS_MODE} ({@code cluster} or
 * {@code sentinel}) with {@code REDIS_NODES} (the cluster's seed nodes or the sentinels, {@code host:port,...}) and
 * {@code REDIS_SENTINEL_MASTER} (the name Sentinel monitors). The URL's credentials and TLS apply to every data node;
 * sentinels are reached with TLS when the URL asks for it, without credentials.
 *
 * <p>Timeouts are short on purpose: Redis is a cache here, and a slow cache must fail fast so the caller can fall back
 * to PostgreSQL. Every multi-key operation of the services keeps its keys in one hash slot ({@code {game id}} in the
 * key), so the same code runs on all three.
 */
public record RedisTopology(Mode mode, List<HostAndPort> nodes, String sentinelMaster, boolean tls, String user,
                            String password) {

    public enum Mode { STANDALONE, CLUSTER, SENTINEL }

    public RedisTopology {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no Redis node given (REDIS_URL, REDIS_NODES)");
        }
        if (mode == Mode.SENTINEL && (sentinelMaster == null || sentinelMaster.isBlank())) {
            throw new IllegalArgumentException("REDIS_MODE=sentinel needs REDIS_SENTINEL_MASTER");
        }
    }

    /**
     * Reads the settings: {@code url} always (credentials, TLS, and the node in standalone mode), {@code nodes} in
     * cluster and sentinel mode (the URL's host when empty).
     */
    public static RedisTopology of(String url, String mode, String nodes, String sentinelMaster) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            // The message would quote the URL, password and all, into the start's failure.
            throw new IllegalArgumentException("REDIS_URL is not a URL (a password in it must be percent-encoded; "
                    + "REDIS_PASSWORD takes any)");
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            throw new IllegalArgumentException("REDIS_URL must start with redis:// or rediss://");
        }
        if (uri.getHost() == null) {
            // A '/' or '#' in an unencoded password ends the authority early: no host, and every call would fail.
            throw new IllegalArgumentException("REDIS_URL names no host (a password in it must be percent-encoded; "
                    + "REDIS_PASSWORD takes any)");
        }
        Mode m = switch (mode == null || mode.isBlank() ? "standalone" : mode.strip().toLowerCase(Locale.ROOT)) {
            case "standalone" -> Mode.STANDALONE;
            case "cluster" -> Mode.CLUSTER;
            case "sentinel" -> Mode.SENTINEL;
            default -> throw new IllegalArgumentException("REDIS_MODE must be standalone, cluster or sentinel, not " + mode);
        };
        HostAndPort fromUrl = new HostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379);
        List<HostAndPort> listed = new ArrayList<>();
        if (m != Mode.STANDALONE && nodes != null) {
            for (String node : nodes.split(",")) {
                if (!node.isBlank()) {
                    listed.add(HostAndPort.from(node.strip()));
                }
            }
        }
        String user = null;
        String password = null;
        String userInfo = uri.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                user = colon > 0 ? userInfo.substring(0, colon) : null;
                password = userInfo.substring(colon + 1);
            } else {
                password = userInfo;
            }
        }
        return new RedisTopology(m, listed.isEmpty() ? List.of(fromUrl) : listed, sentinelMaster,
                "rediss".equals(uri.getScheme()), user, password);
    }

    /** This topology with the credentials set apart from the URL, where given (blank: the URL's stay). */
    public RedisTopology withCredentials(String user, String password) {
        boolean newUser = user != null && !user.isBlank();
        boolean newPassword = password != null && !password.isEmpty();
        return newUser || newPassword
                ? new RedisTopology(mode, nodes, sentinelMaster, tls, newUser ? user.strip() : this.user,
                        newPassword ? password : this.password)
                : this;
    }

    /** A client for this topology; the caller closes it. */
    public UnifiedJedis open() {
        JedisClientConfig dataNodes = config(true);
        Set<HostAndPort> all = new LinkedHashSet<>(nodes);
        return switch (mode) {
            case STANDALONE -> new JedisPooled(nodes.get(0), dataNodes);
            case CLUSTER -> new JedisCluster(all, dataNodes);
            case SENTINEL -> new JedisSentineled(sentinelMaster, dataNodes, all, config(false));
        };
    }

    private JedisClientConfig config(boolean withCredentials) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(500)
                .socketTimeoutMillis(1000)
                .ssl(tls);
        if (withCredentials && password != null) {
            if (user != null) {
                config.user(user);
            }
            config.password(password);
        }
        return config.build();
    }

    /** For logs: the mode and nodes, never the credentials. */
    @Override
    public String toString() {
        return mode.name().toLowerCase(Locale.ROOT) + " " + nodes + (mode == Mode.SENTINEL ? " master " + sentinelMaster : "")
                + (tls ? " (TLS)" : "") + (password != null ? " (with credentials)" : "");
    }
}
