package io.quizplatform.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quizplatform.contracts.Topic;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** values.schema.json against values.yaml, the chart's partitions against the code, metric names against the code. */
class ValuesAndMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theValuesSchemaDescribesEveryValueAndRefusesUnknownKeysAtEveryLevel() throws IOException {
        JsonNode schema = JSON.readTree(Chart.DIR.resolve("values.schema.json").toFile());
        JsonNode values = JSON.valueToTree(Chart.yaml(Chart.DIR.resolve("values.yaml")));
        List<String> missing = new ArrayList<>();
        walkValues(schema, schema, values, "", missing);
        assertThat(missing).as("values without a schema").isEmpty();

        List<String> open = new ArrayList<>();
        walkSchema(schema, schema, "", open);
        assertThat(open).as("object schemas that accept unknown keys").isEmpty();
    }

    /** Each key of values.yaml must be a property (or an entry of a typed map) of its object's schema. */
    private static void walkValues(JsonNode root, JsonNode schema, JsonNode value, String path, List<String> missing) {
        JsonNode s = resolve(root, schema);
        if (!value.isObject() || isKubernetesPassThrough(s)) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = value.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = path + "." + e.getKey();
            JsonNode child = s.path("properties").get(e.getKey());
            if (child == null && s.path("additionalProperties").isObject()) {
                child = s.get("additionalProperties");
            }
            if (child == null) {
                missing.add(p);
                continue;
            }
            walkValues(root, child, e.getValue(), p, missing);
        }
    }

    /** Every object schema either lists its properties and refuses others, or is a typed map. */
    private static void walkSchema(JsonNode root, JsonNode schema, String path, List<String> open) {
        if (schema.has("$ref")) {
            return; // the definitions are walked themselves
        }
        boolean object = schema.path("type").asText().equals("object")
                || (schema.path("type").isArray() && schema.path("type").toString().contains("\"object\""));
        if (object && !isKubernetesPassThrough(schema) && !path.equals(".properties.global")) {
            JsonNode additional = schema.get("additionalProperties");
            boolean closed = additional != null && additional.isBoolean() && !additional.asBoolean()
                    && schema.has("properties");
            boolean typedMap = additional != null && additional.isObject();
            if (!closed && !typedMap) {
                open.add(path.isEmpty() ? "(root)" : path);
            }
        }
        schema.fields().forEachRemaining(e -> {
            if (e.getValue().isObject()) {
                if (Set.of("properties", "definitions").contains(e.getKey())) {
                    e.getValue().fields().forEachRemaining(p -> walkSchema(root, p.getValue(),
                            path + "." + e.getKey() + "." + p.getKey(), open));
                } else {
                    walkSchema(root, e.getValue(), path + "." + e.getKey(), open);
                }
            } else if (e.getValue().isArray()) {
                int i = 0;
                for (JsonNode n : e.getValue()) {
                    walkSchema(root, n, path + "." + e.getKey() + "[" + i++ + "]", open);
                }
            }
        });
    }

    private static boolean isKubernetesPassThrough(JsonNode schema) {
        return schema.path("description").asText().contains("a Kubernetes object");
    }

    private static JsonNode resolve(JsonNode root, JsonNode schema) {
        while (schema.has("$ref")) {
            schema = root.at(schema.get("$ref").asText().substring(1));
        }
        return schema;
    }

    @Test
    void theChartsTopicPartitionsAreTheOnesTheServicesCreate() throws IOException {
        Map<String, Object> values = Chart.yaml(Chart.DIR.resolve("values.yaml"));
        @SuppressWarnings("unchecked")
        Map<String, Object> partitions = (Map<String, Object>) ((Map<String, Object>) values.get("kafka")).get("topicPartitions");
        Map<String, Object> expected = new LinkedHashMap<>();
        for (Topic t : Topic.values()) {
            expected.put(t.topicName(), t.partitions());
        }
        assertThat(partitions).isEqualTo(expected);
    }

    /**
     * Every metric the PrometheusRule and the dashboard read is one the code registers (in its Prometheus name), a
     * Liberty base/vendor metric, or one named as external in the rule's own comment.
     */
    @Test
    void theMetricsTheAlertsAndTheDashboardReadExist() throws Exception {
        Set<String> fromCode = applicationMetricsInCode();
        assertThat(fromCode).contains("outbox_events_pending", "events_consumed_total");
        Set<String> liberty = Set.of("http_server_request_duration_seconds_count", "http_server_request_duration_seconds_sum",
                "memory_usedHeap_bytes", "cpu_processCpuLoad_percent");
        Set<String> external = Set.of("kafka_consumergroup_lag", "answer_ack_seconds_bucket");

        List<JsonNode> objects = Chart.render(HelmChartTest.ALL_ON);
        List<String> expressions = new ArrayList<>();
        HelmChartTest.ofKind(objects, "PrometheusRule").get(0).findValues("expr").forEach(e -> expressions.add(e.asText()));
        JsonNode dashboard = JSON.readTree(Chart.DIR.resolve("dashboards/quiz-platform.json").toFile());
        dashboard.findValues("expr").forEach(e -> expressions.add(e.asText()));
        assertThat(expressions).hasSizeGreaterThan(10);

        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\{").matcher(String.join("\n", expressions));
        while (m.find()) {
            used.add(m.group(1));
        }
        List<String> unknown = used.stream()
                .filter(n -> !fromCode.contains(n) && !liberty.contains(n) && !external.contains(n)).toList();
        assertThat(unknown).as("metrics read by alerts or the dashboard that nothing exports").isEmpty();
        assertThat(used).contains("outbox_events_pending", "events_consumed_total",
                "http_server_request_duration_seconds_count", "kafka_consumergroup_lag");
        // What the rule's comment says about where each comes from is in the template.
        String rule = Files.readString(Chart.DIR.resolve("templates/prometheusrule.yaml"));
        for (String name : List.of("outbox_events_pending", "events_consumed_total", "http_server_request_duration_seconds",
                "kafka_consumergroup_lag", "answer_ack_seconds", "application scope", "vendor scope")) {
            assertThat(rule).contains(name);
        }
    }

    /** metrics.counter("a.b") -> a_b_total, metrics.gauge("a.b", ...) -> a_b: mpMetrics 5's Prometheus names. */
    static Set<String> applicationMetricsInCode() throws IOException {
        Set<String> names = new TreeSet<>();
        Pattern registration = Pattern.compile("metrics\\.(counter|gauge)\\(\\s*\"([a-zA-Z0-9.]+)\"");
        for (String module : List.of("platform", "user-app", "quiz-app", "answer-app", "scoring-app")) {
            Path src = Chart.ROOT.resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = registration.matcher(Files.readString(f));
                    while (m.find()) {
                        String base = m.group(2).replace('.', '_');
                        names.add(m.group(1).equals("counter") ? base + "_total" : base);
                    }
                }
            }
        }
        return names;
    }
}
