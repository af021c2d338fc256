package it.quizplatform;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The main server's application metrics, scraped from {@code /metrics} as Prometheus would. */
final class ServerMetrics {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)\\} (\\S+)");

    private ServerMetrics() {
    }

    /** The sum of a metric's samples whose labels include all of {@code labels} (e.g. {@code reason="too-slow"}). */
    static double count(String name, String... labels) {
        return sum(samples(name), labels);
    }

    /** The samples of one metric (application scope), by their label set. */
    static Map<String, Double> samples(String name) {
        return samples(Platform.get("/metrics?scope=application").body(), name);
    }

    /**
     * One of Liberty's own metrics of the server at {@code baseUrl} (vendor scope, e.g. a connection pool's
     * {@code connectionpool_freeConnections}): the sum of its samples whose labels include all of {@code labels}.
     */
    static double vendor(String baseUrl, String name, String... labels) {
        String body = Platform.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + "/metrics?scope=vendor"))
                .GET()).body();
        return sum(samples(body, name), labels);
    }

    private static double sum(Map<String, Double> samples, String... labels) {
        return samples.entrySet().stream()
                .filter(e -> Arrays.stream(labels).allMatch(e.getKey()::contains))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private static Map<String, Double> samples(String body, String name) {
        Map<String, Double> found = new TreeMap<>();
        for (String line : body.lines().toList()) {
            Matcher m = SAMPLE.matcher(line);
            if (m.find() && m.group(1).equals(name)) {
                found.put(m.group(2), Double.parseDouble(m.group(3)));
            }
        }
        return found;
    }

    static double sum(Map<String, Double> samples) {
        return samples.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
