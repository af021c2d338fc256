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
    void tracingIsOffUnlessEnabledThenEveryServiceExportsUnderItsOwnName() throws Exception {
        JsonNode off = configMap(Chart.render());
        assertThat(off.path("OTEL_SDK_DISABLED").asText()).isEqualTo("true");
        assertThat(off.has("OTEL_EXPORTER_OTLP_ENDPOINT")).isFalse();

        List<JsonNode> on = Chart.render("--set", "config.tracing.enabled=true",
                "--set", "config.tracing.otlpEndpoint=http://otel-collector.observability:4318");
        JsonNode config = configMap(on);
        assertThat(config.path("OTEL_SDK_DISABLED").asText()).isEqualTo("false");
        assertThat(config.path("OTEL_EXPORTER_OTLP_ENDPOINT").asText()).isEqualTo("http://otel-collector.observability:4318");
        assertThat(config.path("OTEL_EXPORTER_OTLP_PROTOCOL").asText()).isEqualTo("http/protobuf");
        Set<String> names = new TreeSet<>();
        on.stream().filter(o -> o.path("kind").asText().equals("Deployment"))
                .forEach(d -> d.findValue("containers").get(0).path("env").forEach(e -> {
                    if (e.path("name").asText().equals("OTEL_SERVICE_NAME")) {
                        names.add(e.path("value").asText());
                    }
                }));
        assertThat(names).contains("user-app", "quiz-app", "answer-app", "scoring-app");

        assertThat(Chart.template("--set", "config.tracing.otlpEndpoint=collector:4318").exitCode()).isNotZero();
    }

    private static JsonNode configMap(List<JsonNode> objects) {
        return objects.stream().filter(o -> o.path("kind").asText().equals("ConfigMap")).findFirst().orElseThrow().path("data");
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
     * The chart creates the topics with replication 3 and min.insync.replicas 2 (production, at least 3 brokers), not
     * with the application's defaults (1 and 1, a single development broker): on purpose, and values.yaml and
     * DEPLOYMENT.md say so, and what a cluster with fewer brokers does (topic creation fails, pods never ready).
     */
    @Test
    void theChartsTopicReplicationDiffersFromTheCodesDefaultOnPurposeAndSaysSo() throws IOException {
        String settings = Files.readString(Chart.ROOT.resolve("platform/src/main/java/io/quizplatform/platform/ServiceSettings.java"));
        Map<String, String> codeDefaults = new LinkedHashMap<>();
        for (String key : List.of("kafka.topic.replication.factor", "kafka.topic.min.insync.replicas")) {
            Matcher m = Pattern.compile("get\\(\"" + Pattern.quote(key) + "\", \"(\\d+)\"\\)").matcher(settings);
            assertThat(m.find()).as("%s's default in ServiceSettings", key).isTrue();
            codeDefaults.put(key, m.group(1));
        }
        String rf = codeDefaults.get("kafka.topic.replication.factor");
        String isr = codeDefaults.get("kafka.topic.min.insync.replicas");

        Map<String, Object> values = Chart.yaml(Chart.DIR.resolve("values.yaml"));
        assertThat(path(values, "config", "kafkaTopicReplicationFactor")).isEqualTo(3);
        assertThat(path(values, "config", "kafkaTopicMinInsyncReplicas")).isEqualTo(2);
        String valuesFile = Files.readString(Chart.DIR.resolve("values.yaml"));
        String comment = valuesFile.substring(0, valuesFile.indexOf("  kafkaTopicReplicationFactor:"));
        comment = comment.substring(comment.lastIndexOf("kafkaBootstrapServers:")).replaceAll("\n *# *", " ");
        assertThat(comment).contains("deliberately", "application's defaults (" + rf + " and " + isr + ")",
                "fewer than 3 brokers", "topic creation fails", "never become ready");

        String docs = Files.readString(Chart.ROOT.resolve("docs/DEPLOYMENT.md"));
        for (String env : List.of("KAFKA_TOPIC_REPLICATION_FACTOR", "KAFKA_TOPIC_MIN_INSYNC_REPLICAS")) {
            String row = docs.lines().filter(l -> l.startsWith("| `" + env + "` |")).findFirst().orElseThrow();
            String code = env.endsWith("FACTOR") ? rf : isr;
            assertThat(row).as(env).contains("application default " + code, "deliberately");
        }
        String prerequisites = docs.substring(docs.indexOf("### Prerequisites"), docs.indexOf("### Install"));
        assertThat(prerequisites.replaceAll("\n", " ")).contains("fewer than 3 brokers", "topic creation fails",
                "never become ready");
    }

    /**
     * Every metric the PrometheusRule and the dashboard read is one the code registers (in its Prometheus name) or a
     * Liberty base/vendor metric, and each is in DEPLOYMENT.md's table and the rule's comment. The operator's metrics
     * of issue 14 (lag, outbox age, ack latency, sockets, games live, dead letters) are all exported and all read.
     */
    @Test
    void theMetricsTheAlertsAndTheDashboardReadExist() throws Exception {
        Set<String> fromCode = applicationMetricsInCode();
        assertThat(fromCode).contains("outbox_events_pending", "outbox_oldest_pending_seconds", "events_consumed_total",
                "consumer_lag", "answer_ack_seconds_bucket", "answer_ack_seconds_count", "quiz_sockets_open",
                "quiz_games_live", "quiz_game_clock_lateness_seconds_bucket");
        Set<String> liberty = Set.of("http_server_request_duration_seconds_count", "http_server_request_duration_seconds_sum",
                "memory_usedHeap_bytes", "cpu_processCpuLoad_percent");

        List<String> expressions = alertExpressions(Chart.render(HelmChartTest.ALL_ON));
        JsonNode dashboard = JSON.readTree(Chart.DIR.resolve("dashboards/quiz-platform.json").toFile());
        dashboard.findValues("expr").forEach(e -> expressions.add(e.asText()));
        assertThat(expressions).hasSizeGreaterThan(15);

        Set<String> used = metricsIn(expressions);
        List<String> unknown = used.stream().filter(n -> !fromCode.contains(n) && !liberty.contains(n)).toList();
        assertThat(unknown).as("metrics read by alerts or the dashboard that nothing exports").isEmpty();
        assertThat(used).contains("outbox_events_pending", "outbox_oldest_pending_seconds", "events_consumed_total",
                "consumer_lag", "answer_ack_seconds_bucket", "quiz_sockets_open", "quiz_games_live",
                "quiz_game_clock_lateness_seconds_bucket", "http_server_request_duration_seconds_count");

        // What the rule's comment says about where each comes from is in the template, and the operator's table has it.
        String rule = Files.readString(Chart.DIR.resolve("templates/prometheusrule.yaml"));
        String deployment = Files.readString(Chart.ROOT.resolve("docs/DEPLOYMENT.md"));
        for (String name : used) {
            String documented = name.replaceAll("_(bucket|count|sum|max)$", "");
            assertThat(rule).as("prometheusrule.yaml's comment").contains(documented);
            assertThat(deployment).as("docs/DEPLOYMENT.md").contains("`" + documented);
        }
        for (String words : List.of("application scope", "vendor scope", "kafka_consumergroup_lag")) {
            assertThat(rule).contains(words);
        }
    }

    /** The platform's gauges read -1 while unknown: an alert that sums or compares them low leaves -1 out. */
    @Test
    void alertsOnGaugesThatReadMinusOneWhenUnknownLeaveItOut() throws Exception {
        for (String expr : alertExpressions(Chart.render(HelmChartTest.ALL_ON))) {
            if (expr.contains("consumer_lag")) {
                assertThat(expr).contains(">= 0)").contains("max by (group, topic, partition)");
            }
        }
    }

    /** kafka-exporter's lag instead of the services' own: its names, and no selector of this release's pods. */
    @Test
    void theLagAlertCanReadKafkaExporterInstead() throws Exception {
        List<String> expressions = alertExpressions(Chart.render("--set", "monitoring.prometheusRule.enabled=true",
                "--set", "monitoring.serviceMonitor.enabled=true",
                "--set", "monitoring.prometheusRule.consumerLag.metric=kafka_consumergroup_lag",
                "--set", "monitoring.prometheusRule.consumerLag.groupLabel=consumergroup",
                "--set", "monitoring.prometheusRule.consumerLag.fromPlatform=false",
                "--set", "monitoring.prometheusRule.consumerLag.extraSelector=namespace=\"kafka\""));
        String lag = expressions.stream().filter(e -> e.contains("kafka_consumergroup_lag")).findFirst().orElseThrow();
        assertThat(lag).startsWith("sum by (consumergroup, topic) (max by (consumergroup, topic, partition) "
                + "(kafka_consumergroup_lag{consumergroup=~\"quiz-app|answer-app|scoring-app\"")
                .contains(", namespace=\"kafka\"}").doesNotContain("job=~");
        String own = alertExpressions(Chart.render("--set", "monitoring.prometheusRule.enabled=true",
                "--set", "monitoring.serviceMonitor.enabled=true")).stream()
                .filter(e -> e.contains("consumer_lag")).findFirst().orElseThrow();
        assertThat(own).contains("consumer_lag{namespace=").contains("job=~").contains("group=~\"quiz-app|answer-app|scoring-app\"");
    }

    /**
     * Each latency alert's threshold is a bound of its histogram's buckets in quiz-app's default, or
     * histogram_quantile only guesses it. The key is MicroProfile Metrics' one list for every timer
     * (<metric>=<bound>,...;<metric>=...), which the chart's answerAckBuckets replaces whole.
     */
    @Test
    void theLatencyAlertThresholdsAreBucketBounds() throws Exception {
        Map<String, Object> values = Chart.yaml(Chart.DIR.resolve("values.yaml"));
        String config = Files.readString(Chart.ROOT.resolve("quiz-app/src/main/resources/META-INF/microprofile-config.properties"));
        Matcher m = Pattern.compile("(?m)^mp\\.metrics\\.distribution\\.timer\\.buckets=(.+)$").matcher(config);
        assertThat(m.find()).as("timer buckets in quiz-app's config").isTrue();
        Map<String, List<Double>> buckets = new LinkedHashMap<>();
        for (String entry : m.group(1).trim().split(";")) {
            String[] metricAndBounds = entry.split("=", 2);
            assertThat(metricAndBounds).as(entry).hasSize(2);
            List<Double> bounds = new ArrayList<>();
            for (String b : metricAndBounds[1].trim().split(",")) {
                Matcher v = Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(b.trim());
                assertThat(v.matches()).as(b).isTrue();
                double n = Double.parseDouble(v.group(1));
                String unit = v.group(2) == null ? "ms" : v.group(2);
                bounds.add(switch (unit) { case "ms" -> n / 1000; case "s" -> n; case "m" -> n * 60; default -> n * 3600; });
            }
            buckets.put(metricAndBounds[0].trim(), bounds);
        }
        // The alert's values key and the name it registers its timer by (the metric value is its Prometheus name).
        Map<String, String> alerts = Map.of("answerAckLatency", "answer.ack", "gameClockLate", "quiz.game.clock.lateness");
        for (var alert : alerts.entrySet()) {
            double threshold = ((Number) path(values, "monitoring", "prometheusRule", alert.getKey(), "thresholdSeconds")).doubleValue();
            String metric = (String) path(values, "monitoring", "prometheusRule", alert.getKey(), "metric");
            assertThat(metric).isEqualTo(alert.getValue().replace('.', '_') + "_seconds");
            assertThat(buckets).as("buckets of %s in quiz-app's config", alert.getValue()).containsKey(alert.getValue());
            assertThat(buckets.get(alert.getValue())).as("%s's threshold among %s's buckets", alert.getKey(), alert.getValue())
                    .anySatisfy(b -> assertThat(b).isCloseTo(threshold, org.assertj.core.data.Offset.offset(1e-9)));
        }
        // values.yaml's comment gives that default, for whoever sets answerAckBuckets (it replaces the whole list).
        String valuesFile = Files.readString(Chart.DIR.resolve("values.yaml")).replaceAll("\n *# *", "");
        assertThat(valuesFile).contains(m.group(1).trim());
        // ... and the schema takes it as a value.
        String pattern = JSON.readTree(Chart.DIR.resolve("values.schema.json").toFile())
                .at("/properties/config/properties/answerAckBuckets/pattern").asText();
        assertThat(Pattern.compile(pattern).matcher(m.group(1).trim()).find()).as(pattern).isTrue();
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> map, String... keys) {
        Object o = map;
        for (String k : keys) {
            o = ((Map<String, Object>) o).get(k);
        }
        return o;
    }

    private static List<String> alertExpressions(List<JsonNode> objects) {
        List<String> expressions = new ArrayList<>();
        HelmChartTest.ofKind(objects, "PrometheusRule").get(0).findValues("expr").forEach(e -> expressions.add(e.asText()));
        return expressions;
    }

    private static Set<String> metricsIn(List<String> expressions) {
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\{").matcher(String.join("\n", expressions));
        while (m.find()) {
            used.add(m.group(1));
        }
        return used;
    }

    /**
     * mpMetrics 5's Prometheus names of what the code registers: metrics.counter("a.b") -> a_b_total,
     * metrics.gauge("a.b", ...) -> a_b, metrics.timer("a.b") -> a_b_seconds_bucket / _count / _sum / _max,
     * metrics.histogram("a.b") -> a_b_bucket / _count / _sum / _max.
     */
    static Set<String> applicationMetricsInCode() throws IOException {
        Set<String> names = new TreeSet<>();
        Pattern registration = Pattern.compile("metrics\\.(counter|gauge|timer|histogram)\\(\\s*\"([a-zA-Z0-9.]+)\"");
        for (String module : List.of("platform", "user-app", "quiz-app", "answer-app", "scoring-app")) {
            Path src = Chart.ROOT.resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = registration.matcher(Files.readString(f));
                    while (m.find()) {
                        String base = m.group(2).replace('.', '_');
                        switch (m.group(1)) {
                            case "counter" -> names.add(base + "_total");
                            case "gauge" -> names.add(base);
                            default -> {
                                String stem = m.group(1).equals("timer") ? base + "_seconds" : base;
                                for (String suffix : List.of("_bucket", "_count", "_sum", "_max")) {
                                    names.add(stem + suffix);
                                }
                            }
                        }
                    }
                }
            }
        }
        return names;
    }
}
