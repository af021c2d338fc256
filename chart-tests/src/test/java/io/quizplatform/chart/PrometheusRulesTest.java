package io.quizplatform.chart;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's PrometheusRule and Grafana dashboard checked by Prometheus's own promtool (see {@link Promtool}):
 * the rule groups, as helm renders them, must load ({@code promtool check rules}, lint problems fatal), the key
 * alerts must fire on the right series after their {@code for:} and not on healthy ones ({@code promtool test rules}
 * with the files in src/test/resources/promtool), and every query of the dashboard must be valid PromQL. The files
 * promtool reads are left under target/promtool/ to look at.
 */
class PrometheusRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WORK = Path.of(System.getProperty("promtool.work", "target/promtool")).toAbsolutePath();
    /** The rule, and the chart's ServiceMonitor whose job label (the Service's name) the alerts select by. */
    private static final String RULES_ON = "monitoring.prometheusRule.enabled=true,monitoring.serviceMonitor.enabled=true";
    /** The alerts the chart renders with every one enabled (values.yaml's defaults). */
    private static final List<String> ALERTS = List.of("QuizPlatformConsumerLag", "QuizPlatformOutboxPending",
            "QuizPlatformOutboxStale", "QuizPlatformEventsWaitingForGame", "QuizPlatformEventsDeadLettered",
            "QuizPlatformHttp5xxRate", "QuizPlatformAnswerAckLatency", "QuizPlatformGameClockLate",
            "QuizPlatformRedisSecurityFailOpen");
    /** The series of this release's pods as Prometheus's usual annotation-driven scrape config labels them. */
    private static final String ANNOTATION_SCRAPED = "job=\"kubernetes-pods\", pod=~\"quiz-quiz-platform-.+\"";

    @BeforeAll
    static void promtool() throws Exception {
        Promtool.Result version = Promtool.run(Path.of("."), "--version");
        assertThat(version.ok()).as(version.output()).isTrue();
        assertThat(version.output()).as("a real promtool").contains("promtool, version");
        System.out.println("[promtool] " + Promtool.binary() + ": " + version.output().lines().findFirst().orElse(""));
    }

    @Test
    void theRenderedRulesLoadInPrometheus() throws Exception {
        Map<String, List<JsonNode>> renders = new LinkedHashMap<>();
        renders.put("default", Chart.render("--set", RULES_ON));
        renders.put("production", Chart.render("-f", Chart.values(HelmChartTest.PRODUCTION)));
        renders.put("ear", Chart.render("--set", "mode=ear", "--set", RULES_ON));
        renders.put("kafka-exporter-lag", Chart.render("--set", RULES_ON,
                "--set", "monitoring.prometheusRule.consumerLag.metric=kafka_consumergroup_lag",
                "--set", "monitoring.prometheusRule.consumerLag.groupLabel=consumergroup",
                "--set", "monitoring.prometheusRule.consumerLag.fromPlatform=false"));
        renders.put("annotation-scraped", Chart.render("--set", "monitoring.prometheusRule.enabled=true",
                "--set-json", "monitoring.prometheusRule.jobSelector=" + JSON.writeValueAsString(ANNOTATION_SCRAPED)));
        for (var render : renders.entrySet()) {
            JsonNode rule = theOnlyPrometheusRule(render.getValue());
            assertThat(rule.findValuesAsText("alert")).as(render.getKey()).containsExactlyElementsOf(ALERTS);
            Path dir = writeRules("check-" + render.getKey(), rule, false);
            Promtool.Result r = checkRules(dir);
            assertThat(r.ok()).as("promtool check rules, %s values:\n%s", render.getKey(), r.output()).isTrue();
            assertThat(r.output()).contains("SUCCESS: " + ALERTS.size() + " rules found");
        }
    }

    /** The check is not a formality: a rule Prometheus would refuse fails it, with promtool's reason. */
    @Test
    void aBrokenRuleFailsTheCheck() throws Exception {
        JsonNode rule = theOnlyPrometheusRule(Chart.render("--set", RULES_ON, "--set-json",
                "monitoring.prometheusRule.additionalRules=[{\"alert\":\"Broken\",\"expr\":\"sum by (job (up)\"}]"));
        Promtool.Result r = checkRules(writeRules("check-broken", rule, false));
        assertThat(r.exitCode()).as(r.output()).isNotZero();
        assertThat(r.output()).contains("Broken").containsIgnoringCase("parse error");

        JsonNode duplicate = theOnlyPrometheusRule(Chart.render("--set", RULES_ON, "--set-json",
                "monitoring.prometheusRule.additionalRules=[{\"record\":\"job:up:sum\",\"expr\":\"sum by (job) (up)\"},"
                        + "{\"record\":\"job:up:sum\",\"expr\":\"sum by (job) (up)\"}]"));
        Promtool.Result lint = checkRules(writeRules("check-duplicate", duplicate, false));
        assertThat(lint.exitCode()).as("duplicate rules are a lint error, made fatal:\n%s", lint.output()).isNotZero();
    }

    /**
     * promtool test rules, default values (release quiz in namespace quiz): consumer lag, dead letters, the outbox's
     * age, the 5xx share, the answer acknowledgement p95 and the game clock's p95 (step recorded, not fired) fire on
     * this release's series after their for: (with their summaries) and not on healthy, unreadable (-1) or other
     * namespaces' series; see
     * src/test/resources/promtool/default-alerts-test.yaml.
     */
    @Test
    void theKeyAlertsFireOnTheRightSeriesAndOnlyThere() throws Exception {
        assertUnitTestsPass("default-alerts-test.yaml", Chart.render("--set", RULES_ON));
    }

    /** The production values read the lag from Strimzi's kafka-exporter in namespace kafka, not the pods' own. */
    @Test
    void theProductionLagAlertFiresOnKafkaExportersSeries() throws Exception {
        assertUnitTestsPass("production-alerts-test.yaml", Chart.render("-f", Chart.values(HelmChartTest.PRODUCTION)));
    }

    /** An extra lag selector on namespace or job beside the pods' own (which fix both) could never match: refused. */
    @Test
    void aLagSelectorThatCanNeverMatchIsRefused() throws Exception {
        Helm.Result r = Chart.template("--set", RULES_ON,
                "--set-string", "monitoring.prometheusRule.consumerLag.extraSelector=namespace=\"kafka\"");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("extraSelector").contains("could never fire").contains("fromPlatform: false");
        JsonNode otherLabel = theOnlyPrometheusRule(Chart.render("--set", RULES_ON,
                "--set-string", "monitoring.prometheusRule.consumerLag.extraSelector=cluster=\"eu-1\""));
        assertThat(otherLabel.at("/spec/groups/0/rules/0/expr").asText())
                .contains("job=~\"quiz-quiz-platform-.+\"").contains(", cluster=\"eu-1\"}");
    }

    /**
     * The alerts select this release's series by namespace and job=~"<fullname>-.+", the job label the chart's
     * ServiceMonitor gives (the Service's name). Scraped by the pods' prometheus.io annotations instead, the series
     * carry the scrape config's job and every alert would silently never match: without the ServiceMonitor the chart
     * refuses to render the rule unless jobSelector names how this release's series are labelled, and then uses it.
     */
    @Test
    void withoutTheServiceMonitorTheAlertsNeedAJobSelector() throws Exception {
        Helm.Result refused = Chart.template("--set", "monitoring.prometheusRule.enabled=true");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("monitoring.prometheusRule.jobSelector", "monitoring.serviceMonitor.enabled",
                "job=~\"quiz-quiz-platform-.+\"", "never");

        for (String serviceMonitor : List.of("false", "true")) {
            JsonNode rule = theOnlyPrometheusRule(Chart.render("--set", "monitoring.prometheusRule.enabled=true",
                    "--set", "monitoring.serviceMonitor.enabled=" + serviceMonitor,
                    "--set-json", "monitoring.prometheusRule.jobSelector=" + JSON.writeValueAsString(ANNOTATION_SCRAPED)));
            List<String> expressions = rule.findValuesAsText("expr");
            assertThat(expressions).hasSize(ALERTS.size())
                    .allSatisfy(e -> assertThat(e).contains("{namespace=\"quiz\", " + ANNOTATION_SCRAPED)
                            .doesNotContain("job=~"));
        }
        // With the ServiceMonitor and no jobSelector: its job, as before.
        assertThat(theOnlyPrometheusRule(Chart.render("--set", RULES_ON)).findValuesAsText("expr"))
                .allSatisfy(e -> assertThat(e).contains("{namespace=\"quiz\", job=~\"quiz-quiz-platform-.+\""));
        // Not a matcher (a bare job name): refused by the schema.
        Helm.Result bare = Chart.template("--set", "monitoring.prometheusRule.enabled=true",
                "--set", "monitoring.prometheusRule.jobSelector=kubernetes-pods");
        assertThat(bare.exitCode()).isNotZero();
        assertThat(bare.stderr()).contains("jobSelector");
    }

    /**
     * A bucket list set in the chart replaces quiz-app's whole MP_METRICS_DISTRIBUTION_TIMER_BUCKETS: one that leaves
     * out the timer of an enabled latency alert (no _bucket series, an alert that never fires) is refused.
     */
    @Test
    void aBucketListWithoutAnAlertsTimerIsRefused() throws Exception {
        String both = "answer.ack=5ms,100ms;quiz.game.clock.lateness=100ms,250ms";
        Helm.Result ackOnly = Chart.template("--set", RULES_ON, "--set-json", "config.answerAckBuckets=\"answer.ack=5ms,100ms\"");
        assertThat(ackOnly.exitCode()).isNotZero();
        assertThat(ackOnly.stderr()).contains("quiz.game.clock.lateness=").contains("gameClockLate could never fire");
        Helm.Result viaExtra = Chart.template("--set", RULES_ON,
                "--set-json", "config.extra={\"MP_METRICS_DISTRIBUTION_TIMER_BUCKETS\":\"quiz.game.clock.lateness=250ms\"}");
        assertThat(viaExtra.exitCode()).isNotZero();
        assertThat(viaExtra.stderr()).contains("answerAckLatency could never fire");
        // Both timers listed, in either order; one left out whose alert is off; the rule off: fine.
        Chart.render("--set", RULES_ON, "--set-json", "config.answerAckBuckets=\"" + both + "\"");
        Chart.render("--set", RULES_ON, "--set-json",
                "config.answerAckBuckets=\"quiz.game.clock.lateness=250ms;answer.ack=100ms\"");
        Chart.render("--set", RULES_ON, "--set", "monitoring.prometheusRule.gameClockLate.enabled=false",
                "--set-json", "config.answerAckBuckets=\"answer.ack=5ms,100ms\"");
        JsonNode config = HelmChartTest.ofKind(Chart.render("--set-json", "config.answerAckBuckets=\"answer.ack=5ms\""),
                "ConfigMap").get(0);
        assertThat(config.at("/data/MP_METRICS_DISTRIBUTION_TIMER_BUCKETS").asText()).isEqualTo("answer.ack=5ms");
    }

    /**
     * The dashboard is strict JSON (no duplicate keys, nothing after the object), its panels have unique ids and
     * queries, and every query, with Grafana's variables replaced by a value, is valid PromQL: promtool checks them
     * as recording rules.
     */
    @Test
    void theDashboardIsValidJsonAndEveryQueryIsValidPromQL() throws Exception {
        String file = Files.readString(Chart.DIR.resolve("dashboards/quiz-platform.json"));
        ObjectMapper strict = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
        JsonNode dashboard = strict.readTree(file);
        // What Grafana's sidecar gets is the same file.
        JsonNode configMap = HelmChartTest.ofKind(Chart.render("--set", "monitoring.grafanaDashboard.enabled=true"),
                "ConfigMap").stream().filter(c -> c.path("data").has("quiz-platform.json")).findFirst().orElseThrow();
        assertThat(strict.readTree(configMap.path("data").path("quiz-platform.json").asText())).isEqualTo(dashboard);

        assertThat(dashboard.path("uid").asText()).isNotBlank();
        Set<String> variables = new HashSet<>();
        dashboard.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
        assertThat(variables).contains("datasource", "namespace");

        List<Map<String, Object>> records = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            assertThat(ids.add(panel.path("id").asInt(-1))).as("unique panel id: %s", title).isTrue();
            assertThat(panel.path("targets").size()).as("queries of %s", title).isPositive();
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertThat(expr).as("%s %s", title, target.path("refId").asText()).isNotBlank();
                records.add(Map.of("record", "quiz_platform_dashboard:panel_" + panel.path("id").asInt() + "_"
                        + target.path("refId").asText(), "expr", withGrafanaVariablesReplaced(expr, variables)));
            }
        }
        // The namespace variable's own query names a metric by a selector: valid PromQL too.
        String variableQuery = dashboard.at("/templating/list/1/definition").asText();
        Matcher labelValues = Pattern.compile("label_values\\((.+), *namespace\\)").matcher(variableQuery);
        assertThat(labelValues.matches()).as(variableQuery).isTrue();
        records.add(Map.of("record", "quiz_platform_dashboard:namespace_variable", "expr", labelValues.group(1)));
        assertThat(records).hasSizeGreaterThanOrEqualTo(dashboard.path("panels").size() + 1);

        Path dir = WORK.resolve("check-dashboard");
        write(dir.resolve("rules.yaml"), Map.of("groups", List.of(Map.of("name", "dashboard", "rules", records))));
        Promtool.Result r = checkRules(dir);
        assertThat(r.ok()).as("promtool check rules on the dashboard's queries:\n%s", r.output()).isTrue();
        assertThat(r.output()).contains("SUCCESS: " + records.size() + " rules found");
    }

    /** $namespace, ${namespace}, $__rate_interval ... by a value; a variable the test does not know fails it. */
    private static String withGrafanaVariablesReplaced(String expr, Set<String> defined) {
        Map<String, String> values = Map.of("namespace", "quiz", "__rate_interval", "5m", "__interval", "1m",
                "__range", "1h");
        Matcher m = Pattern.compile("\\$\\{?(\\w+)(?::\\w+)?}?").matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            assertThat(values).as("a value for Grafana's $%s in %s", name, expr).containsKey(name);
            assertThat(name.startsWith("__") || defined.contains(name)).as("$%s is a dashboard variable", name).isTrue();
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(name)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void assertUnitTestsPass(String testFile, List<JsonNode> objects) throws Exception {
        Path dir = writeRules("test-" + testFile.replace(".yaml", ""), theOnlyPrometheusRule(objects), true);
        try (InputStream in = PrometheusRulesTest.class.getResourceAsStream("/promtool/" + testFile)) {
            assertThat(in).as("src/test/resources/promtool/" + testFile).isNotNull();
            Files.copy(in, dir.resolve(testFile), StandardCopyOption.REPLACE_EXISTING);
        }
        Promtool.Result r = Promtool.run(dir, "test", "rules", testFile);
        assertThat(r.ok()).as("promtool test rules %s (in %s):\n%s", testFile, dir, r.output()).isTrue();
        assertThat(r.output()).contains("SUCCESS");
    }

    private static Promtool.Result checkRules(Path dir) throws IOException, InterruptedException {
        return Promtool.run(dir, "check", "rules", "--lint=all", "--lint-fatal", "rules.yaml");
    }

    private static JsonNode theOnlyPrometheusRule(List<JsonNode> objects) {
        List<JsonNode> rules = HelmChartTest.ofKind(objects, "PrometheusRule");
        assertThat(rules).hasSize(1);
        return rules.get(0);
    }

    /**
     * The rule groups of a PrometheusRule as a Prometheus rule file ({@code groups:} is the PrometheusRule's
     * {@code spec.groups}) in WORK/name/rules.yaml. For the unit tests the descriptions are left out: they are
     * prose, and promtool compares annotations whole; the summaries, which are templates of the labels and the
     * value, stay and are compared.
     */
    private static Path writeRules(String name, JsonNode prometheusRule, boolean withoutDescriptions) throws IOException {
        JsonNode groups = prometheusRule.path("spec").path("groups").deepCopy();
        assertThat(groups.size()).isPositive();
        if (withoutDescriptions) {
            groups.findParents("annotations").forEach(r -> ((ObjectNode) r.get("annotations")).remove("description"));
        }
        Path dir = WORK.resolve(name);
        write(dir.resolve("rules.yaml"), Map.of("groups", JSON.convertValue(groups, List.class)));
        return dir;
    }

    private static void write(Path file, Object content) throws IOException {
        Files.createDirectories(file.getParent());
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(160);
        Files.writeString(file, new Yaml(options).dump(content));
    }
}
