package io.quizplatform.loadtest;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Settings from system properties, the HTTP protocol, synthetic client addresses and percentiles, shared by every simulation. */
final class Load {

    private Load() {
    }

    static final String BASE_URL = System.getProperty("baseUrl", "http://localhost:9080");
    static final String PASSWORD = "gatling load passphrase 1";

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    static int intProperty(String name, int fallback) {
        return Integer.getInteger(name, fallback);
    }

    static double doubleProperty(String name, double fallback) {
        String v = System.getProperty(name);
        return v == null ? fallback : Double.parseDouble(v);
    }

    /**
     * HTTP/1.1 like separate phones; every virtual user says it is its own client address through X-Forwarded-For
     * (believed only when the stack trusts this machine as a proxy, TRUSTED_PROXIES=127.0.0.1), so the per-address
     * rate limits of registration, login and joining treat each virtual user as one phone.
     */
    static HttpProtocolBuilder protocol() {
        return http.baseUrl(BASE_URL)
                .wsBaseUrl(BASE_URL.replaceFirst("^http", "ws"))
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .header("X-Forwarded-For", session -> session.getString("clientAddress"))
                .wsUnmatchedInboundMessageBufferSize(512);
    }

    /** A distinct address in 10.0.0.0/8 for one virtual user. */
    static String nextAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    static long percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int i = (int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1);
        return sorted.get(Math.max(0, i));
    }

    static List<Long> sorted(Collection<Long> values) {
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        return s;
    }

    static String line(String what, Collection<Long> values) {
        List<Long> s = sorted(values);
        if (s.isEmpty()) {
            return String.format(Locale.ROOT, "%-58s no samples", what);
        }
        return String.format(Locale.ROOT, "%-58s n=%6d  p50=%6d  p95=%6d  p99=%6d  max=%6d ms", what, s.size(),
                percentile(s, 0.50), percentile(s, 0.95), percentile(s, 0.99), s.get(s.size() - 1));
    }
}
