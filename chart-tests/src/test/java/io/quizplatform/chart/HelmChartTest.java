package io.quizplatform.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart as a platform team checks it, with a real helm: lint, render with the default values and the
 * production-like files in helm/quiz-platform/ci, every object against the Kubernetes schemas (unknown fields
 * refused), and what each option must render.
 */
class HelmChartTest {

    static final String PRODUCTION = "ci/production-values.yaml";
    static final String EAR = "ci/ear-openshift-values.yaml";
    /** Everything optional switched on, on top of the defaults. */
    static final String[] ALL_ON = {
            "--set", "monitoring.serviceMonitor.enabled=true", "--set", "monitoring.prometheusRule.enabled=true",
            "--set", "monitoring.grafanaDashboard.enabled=true", "--set", "gateway.enabled=true",
            "--set", "gateway.parentRefs[0].name=public", "--set", "services.quiz.autoscaling.enabled=true",
            "--set", "config.redis.auth=true", "--set", "secrets.redisPassword=redis-password",
            "--set", "secrets.jwtSigningKeyExistingSecret=jwt"};

    static KubernetesSchemas schemas;

    @BeforeAll
    static void setUp() throws Exception {
        Helm.Result version = Helm.run("version", "--short");
        assertThat(version.ok()).as(version.stderr()).isTrue();
        assertThat(version.stdout()).as("a real helm 3 or 4").matches("(?s)v[34]\\.\\d+\\.\\d+.*");
        schemas = new KubernetesSchemas();
    }

    @Test
    void lintStrictPassesWithTheDefaultAndTheProductionValues() throws Exception {
        for (List<String> args : List.of(List.<String>of(), List.of("-f", Chart.values(PRODUCTION)),
                List.of("-f", Chart.values(EAR)))) {
            List<String> all = new ArrayList<>(List.of("lint", "--strict", Chart.DIR.toString()));
            all.addAll(args);
            Helm.Result r = Helm.run(all.toArray(String[]::new));
            assertThat(r.exitCode()).as("helm lint --strict %s\n%s%s", args, r.stdout(), r.stderr()).isZero();
            assertThat(r.stdout()).contains("1 chart(s) linted, 0 chart(s) failed").doesNotContain("[WARNING]");
        }
    }

    @Test
    void everyRenderedObjectMatchesTheKubernetesSchemasWithUnknownFieldsRefused() throws Exception {
        Map<String, List<JsonNode>> renders = new LinkedHashMap<>();
        renders.put("default values", Chart.render());
        renders.put(PRODUCTION, Chart.render("-f", Chart.values(PRODUCTION)));
        renders.put(EAR, Chart.render("-f", Chart.values(EAR)));
        renders.put("every option on", Chart.render(ALL_ON));
        List<String> errors = new ArrayList<>();
        Set<String> kinds = new TreeSet<>();
        renders.forEach((name, objects) -> {
            assertThat(objects).as(name).isNotEmpty();
            for (JsonNode o : objects) {
                kinds.add(o.path("kind").asText());
                schemas.validate(o).forEach(e -> errors.add(name + ": " + o.path("kind").asText() + " "
                        + o.path("metadata").path("name").asText() + ": " + e));
            }
        });
        assertThat(errors).isEmpty();
        assertThat(kinds).containsExactlyInAnyOrder("ConfigMap", "Deployment", "HTTPRoute", "HorizontalPodAutoscaler",
                "Ingress", "NetworkPolicy", "Pod", "PodDisruptionBudget", "PrometheusRule", "Secret", "Service",
                "ServiceAccount", "ServiceMonitor");
    }

    @Test
    void theKubernetesSchemasRefuseUnknownAndMistypedFields() throws Exception {
        // Through the chart: extraEnv items are passed to Kubernetes as they are, so only the Kubernetes schema sees them.
        List<JsonNode> objects = Chart.render("--set", "services.user.extraEnv[0].name=A",
                "--set", "services.user.extraEnv[0].valeu=b");
        List<String> errors = objects.stream().flatMap(o -> schemas.validate(o).stream()).toList();
        assertThat(errors).anyMatch(e -> e.contains("valeu"));

        // And on a valid Deployment: a misspelt field deep inside, a string where an integer belongs.
        ObjectNode deployment = (ObjectNode) Chart.render().stream()
                .filter(o -> o.path("kind").asText().equals("Deployment")).findFirst().orElseThrow().deepCopy();
        assertThat(schemas.validate(deployment)).isEmpty();
        ObjectNode container = (ObjectNode) deployment.at("/spec/template/spec/containers/0");
        container.put("imagePullPolicyy", "Always");
        ((ObjectNode) deployment.at("/spec")).put("replicas", "three");
        assertThat(schemas.validate(deployment)).anyMatch(e -> e.contains("imagePullPolicyy"))
                .anyMatch(e -> e.contains("replicas"));

        // The custom resources and the NetworkPolicy are checked as strictly.
        List<JsonNode> all = Chart.render(ALL_ON);
        for (String[] kindPointerField : List.of(new String[] {"ServiceMonitor", "/spec/endpoints/0", "portt"},
                new String[] {"HTTPRoute", "/spec/rules/0/matches/0", "paht"},
                new String[] {"PrometheusRule", "/spec/groups/0/rules/0", "expression"},
                new String[] {"NetworkPolicy", "/spec/ingress/0", "form"})) {
            ObjectNode o = ofKind(all, kindPointerField[0]).get(0).deepCopy();
            assertThat(schemas.validate(o)).as(kindPointerField[0]).isEmpty();
            ((ObjectNode) o.at(kindPointerField[1])).put(kindPointerField[2], "x");
            assertThat(schemas.validate(o)).as(kindPointerField[0]).anyMatch(e -> e.contains(kindPointerField[2]));
        }
    }

    @Test
    void aTypoInTheValuesFailsTemplateAndLint() throws Exception {
        Helm.Result nested = Chart.template("--set", "services.quiz.replicaCout=3");
        assertThat(nested.exitCode()).isNotZero();
        assertThat(nested.stderr()).contains("replicaCout").contains("not allowed");

        Helm.Result top = Chart.template("--set", "ingres.enabled=false");
        assertThat(top.exitCode()).isNotZero();
        assertThat(top.stderr()).contains("ingres");

        Path typo = Files.createTempFile("typo", ".yaml");
        Helm.Result lint;
        try {
            Files.writeString(typo, "networkPolicy:\n  egress:\n    kafka:\n      ports: [9092]\n");
            lint = Helm.run("lint", "--strict", Chart.DIR.toString(), "-f", typo.toString());
        } finally {
            Files.deleteIfExists(typo); // one file in /tmp per run otherwise
        }
        assertThat(lint.exitCode()).isNotZero();
        assertThat(lint.stdout() + lint.stderr()).contains("egress");

        Helm.Result wrongType = Chart.template("--set", "services.answer.replicaCount=two");
        assertThat(wrongType.exitCode()).isNotZero();
        assertThat(wrongType.stderr()).contains("replicaCount");
    }

    @Test
    void theEarServerGetsEveryDatabaseItsServerXmlReads() throws Exception {
        // What the server reads: the ${..._DB_...} variables of server.xml.
        String serverXml = Files.readString(Chart.ROOT.resolve("server-config/src/main/liberty/config/server.xml"));
        Set<String> dbVariables = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z]+_DB_[A-Z]+)}").matcher(serverXml);
        while (m.find()) {
            dbVariables.add(m.group(1));
        }
        assertThat(dbVariables).hasSize(12);

        for (String[] args : List.of(new String[] {"--set", "mode=ear"}, new String[] {"-f", Chart.values(EAR)})) {
            List<JsonNode> objects = Chart.render(args);
            List<JsonNode> deployments = ofKind(objects, "Deployment");
            assertThat(deployments).hasSize(1);
            JsonNode container = deployments.get(0).at("/spec/template/spec/containers/0");
            assertThat(env(container, "DEPLOYMENT")).isEqualTo("ear");
            Map<String, JsonNode> refs = secretRefs(container);
            assertThat(refs.keySet()).containsAll(dbVariables);
            dbVariables.forEach(v -> assertThat(refs.get(v).path("key").asText()).isEqualTo(v));
            assertThat(container.path("envFrom").toString()).contains("configMapRef");
            // Every path prefix reaches the EAR's Service, through the Ingress or the HTTPRoute.
            String earService = deployments.get(0).at("/metadata/name").asText();
            Set<String> backends = new TreeSet<>();
            objects.forEach(o -> o.findValues("service").forEach(s -> backends.add(s.path("name").asText())));
            ofKind(objects, "HTTPRoute").forEach(r -> r.findValues("backendRefs")
                    .forEach(b -> b.forEach(x -> backends.add(x.path("name").asText()))));
            backends.remove("");
            assertThat(backends).containsExactly(earService);
        }
        // The chart's own Secret holds every key the EAR asks for.
        assertSecretKeysExist(Chart.render("--set", "mode=ear"));
    }

    @Test
    void everySecretKeyAPodReadsFromTheChartsSecretExists() throws Exception {
        assertSecretKeysExist(Chart.render());
        assertSecretKeysExist(Chart.render(ALL_ON));
        assertSecretKeysExist(Chart.render("--set", "mode=ear", "--set", "config.redis.auth=true",
                "--set", "secrets.redisPassword=redis-password", "--set", "secrets.playerTokenSecret=0123456789abcdef0123456789abcdef0123"));
    }

    @Test
    void theRedisPasswordReachesThePodsAsItIsAndNeverThroughTheUrlOrTheConfigMap() throws Exception {
        List<JsonNode> objects = Chart.render("--set", "config.redis.auth=true", "--set", "secrets.redisPassword=a/b#c",
                "--set", "config.redis.username=quiz",
                "--set", "config.redis.url=rediss://redis:6380");
        List<JsonNode> backends = ofKind(objects, "Deployment").stream()
                .map(d -> d.at("/spec/template/spec/containers/0")).filter(c -> secretRefs(c).containsKey("REDIS_PASSWORD"))
                .toList();
        assertThat(backends).hasSize(4);
        for (JsonNode container : backends) {
            assertThat(secretRefs(container).get("REDIS_PASSWORD").path("key").asText()).isEqualTo("REDIS_PASSWORD");
            assertThat(env(container, "REDIS_USERNAME")).isEqualTo("quiz");
            // A password spliced into the URL broke on a '/' or '#' (no host: Redis unreachable, silently).
            assertThat(env(container, "REDIS_URL")).isNull();
        }
        assertThat(ofKind(objects, "ConfigMap").stream().map(c -> c.at("/data/REDIS_URL").asText()))
                .contains("rediss://redis:6380");
        // Credentials in the URL would sit in the ConfigMap: refused whether auth is on or off.
        for (String auth : List.of("true", "false")) {
            Helm.Result inUrl = Chart.template("--set", "config.redis.auth=" + auth, "--set", "config.redis.url=redis://:s3cret@redis:6379");
            assertThat(inUrl.exitCode()).as("auth " + auth).isNotZero();
            assertThat(inUrl.stderr()).contains("config.redis.url must not carry credentials").doesNotContain("s3cret");
        }
    }

    @Test
    void settingsThePodsCouldNotUseAreRefusedAtInstall() throws Exception {
        // Without a password Redis answers NOAUTH while the pods go ready and the rate limits quietly let all through.
        Helm.Result noPassword = Chart.template("--set", "config.redis.auth=true");
        assertThat(noPassword.exitCode()).isNotZero();
        assertThat(noPassword.stderr()).contains("config.redis.auth needs secrets.redisPassword");
        assertThat(Chart.template("--set", "config.redis.auth=true", "--set", "secrets.existingSecret=mine").exitCode())
                .as("the password in the operator's own Secret").isZero();
        // Every backend pod would stop at its start (RedisTopology refuses it).
        Helm.Result noMaster = Chart.template("--set", "config.redis.mode=sentinel", "--set", "config.redis.nodes=s1:26379");
        assertThat(noMaster.exitCode()).isNotZero();
        assertThat(noMaster.stderr()).contains("config.redis.sentinelMaster");
        // Jakarta Security's PBKDF2 hash refuses fewer than 1024 iterations: every registration and login would fail.
        Helm.Result fewIterations = Chart.template("--set", "config.passwordHashIterations=500");
        assertThat(fewIterations.exitCode()).isNotZero();
        assertThat(fewIterations.stderr()).contains("passwordHashIterations");
    }

    @Test
    void theProductionValuesHoldNoSecretAndPinEveryImageByDigest() throws Exception {
        List<JsonNode> objects = Chart.render("-f", Chart.values(PRODUCTION));
        assertThat(ofKind(objects, "Secret")).as("secrets come from existing Secrets only").isEmpty();
        String production = Files.readString(Chart.DIR.resolve(PRODUCTION)).toLowerCase();
        assertThat(production).doesNotContain("password:").doesNotContain("begin private key");
        List<String> images = objects.stream().flatMap(o -> o.findValues("image").stream())
                .filter(JsonNode::isTextual).map(JsonNode::asText).toList();
        assertThat(images).hasSize(5 + 5);
        assertThat(images).allMatch(i -> i.matches("[^:@]+(/[^:@]+)*@sha256:[0-9a-f]{64}"), "pinned by digest");
        assertThat(images).filteredOn(i -> i.contains("quiz-platform-"))
                .allMatch(i -> i.startsWith("registry.example.com/quiz/quiz-platform-"));
        // Without a digest the tag is used.
        assertThat(Chart.render().stream().flatMap(o -> o.findValues("image").stream()).filter(JsonNode::isTextual)
                .map(JsonNode::asText)).contains("quiz-platform-quiz-app:0.1.0-SNAPSHOT", "curlimages/curl:8.11.1");
        Helm.Result bad = Chart.template("--set", "services.quiz.image.digest=sha256:abc");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.stderr()).contains("digest");
    }

    /** A digest is rendered exactly as given after the repository and the registry, and wins over the tag. */
    @Test
    void anImageDigestRendersAsRegistryRepositoryAtDigest() throws Exception {
        String digest = "sha256:" + "0123456789abcdef".repeat(4);
        List<JsonNode> split = Chart.render("--set", "image.registry=registry.example.com/quiz/",
                "--set", "services.quiz.image.digest=" + digest, "--set", "services.quiz.image.tag=9.9.9",
                "--set", "tests.image.digest=" + digest);
        Map<String, String> images = new LinkedHashMap<>();
        for (JsonNode o : split) {
            for (JsonNode c : o.findValues("containers")) {
                images.put(o.path("kind").asText() + "/" + o.at("/metadata/name").asText(), c.get(0).path("image").asText());
            }
        }
        assertThat(images).containsEntry("Deployment/quiz-quiz-platform-quiz",
                        "registry.example.com/quiz/quiz-platform-quiz-app@" + digest)
                .containsEntry("Deployment/quiz-quiz-platform-user", "registry.example.com/quiz/quiz-platform-user-app:0.1.0-SNAPSHOT");
        // The helm test pods' image is not the platform's: no registry prefix.
        List<String> testPods = images.entrySet().stream().filter(e -> e.getKey().startsWith("Pod/"))
                .map(Map.Entry::getValue).toList();
        assertThat(testPods).isNotEmpty().allSatisfy(i -> assertThat(i).isEqualTo("curlimages/curl@" + digest));

        JsonNode ear = ofKind(Chart.render("--set", "mode=ear", "--set", "ear.image.digest=" + digest), "Deployment").get(0);
        assertThat(ear.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("quiz-platform@" + digest);
    }

    @Test
    void runAsUserAndFsGroupAreLeftOutWhenNull() throws Exception {
        JsonNode restricted = ofKind(Chart.render("-f", Chart.values(EAR)), "Deployment").get(0)
                .at("/spec/template/spec/securityContext");
        assertThat(restricted.has("runAsUser")).isFalse();
        assertThat(restricted.has("fsGroup")).isFalse();
        assertThat(restricted.path("runAsNonRoot").asBoolean()).isTrue();
        for (JsonNode d : ofKind(Chart.render("--set", "podSecurityContext.fsGroup=1001"), "Deployment")) {
            JsonNode sc = d.at("/spec/template/spec/securityContext");
            assertThat(sc.path("runAsUser").asInt()).isEqualTo(1001);
            assertThat(sc.path("fsGroup").asInt()).isEqualTo(1001);
        }
    }

    @Test
    void replicasAboveTheConsumedPartitionsAreRefused() throws Exception {
        Helm.Result hpa = Chart.template("--set", "services.answer.autoscaling.enabled=true",
                "--set", "services.answer.autoscaling.maxReplicas=7");
        assertThat(hpa.exitCode()).isNotZero();
        assertThat(hpa.stderr()).contains("services.answer.autoscaling.maxReplicas (7)", "6 Kafka partitions", "quiz-events");
        Helm.Result replicas = Chart.template("--set", "services.scoring.replicaCount=7");
        assertThat(replicas.exitCode()).isNotZero();
        assertThat(replicas.stderr()).contains("services.scoring.replicaCount (7)");
        Helm.Result ear = Chart.template("--set", "mode=ear", "--set", "ear.autoscaling.enabled=true",
                "--set", "ear.autoscaling.maxReplicas=8");
        assertThat(ear.exitCode()).isNotZero();
        assertThat(ear.stderr()).contains("ear.autoscaling.maxReplicas (8)");
        // Raised partitions lift the bound; quiz-app scales with its sockets, not with partitions.
        assertThat(Chart.template("--set", "services.answer.autoscaling.enabled=true",
                "--set", "services.answer.autoscaling.maxReplicas=12", "--set", "kafka.topicPartitions.quiz-events=12")
                .ok()).isTrue();
        List<JsonNode> hpas = ofKind(Chart.render("--set", "services.quiz.autoscaling.enabled=true",
                "--set", "services.quiz.autoscaling.maxReplicas=20"), "HorizontalPodAutoscaler");
        assertThat(hpas).singleElement().satisfies(h -> assertThat(h.at("/spec/maxReplicas").asInt()).isEqualTo(20));
    }

    @Test
    void marksOfAppliedEventsAreKeptAtLeastAsLongAsKafkaKeepsTheirRecords() throws Exception {
        // A mark dropped while Kafka can still hand its record back (a topic keeps 7-14 days, plus a segment's roll)
        // would let a redelivered event be applied twice; 0 keeps the marks for good.
        assertRefusedThenPassedOn("processedEventsRetentionHours", "PROCESSED_EVENTS_RETENTION_HOURS", "168", "0", "504", "1080");
    }

    @Test
    void anIdleGameLimitBelowTheLongestQuestionIsRefused() throws Exception {
        // Answers are not game events: a question open for its limit (up to 240 s) has none, so 1-299 would end games
        // mid-question; 0 switches the end of idle games off.
        assertRefusedThenPassedOn("gameIdleEndSeconds", "GAME_IDLE_END_SECONDS", "120", "0", "300", "86400");
    }

    @Test
    void anIngressBodyLimitBelowWhatTheServicesTakeIsRefused() throws Exception {
        // nginx would answer its own 413 page where the service's problem+json (or the import itself) was due.
        Helm.Result importBeyond = Chart.template("--set", "config.images.importMaxBytes=33554432");
        assertThat(importBeyond.exitCode()).isNotZero();
        assertThat(importBeyond.stderr()).contains("proxy-body-size (17m)").contains("ingress.websocketAnnotations");
        Helm.Result bodyBeyond = Chart.template("--set", "config.httpMaxBodyBytes=2097152");
        assertThat(bodyBeyond.exitCode()).isNotZero();
        assertThat(bodyBeyond.stderr()).contains("proxy-body-size (1m)").contains("ingress.annotations");
        assertThat(Chart.template("--set", "config.images.importMaxBytes=33554432", "--set-string",
                "ingress.websocketAnnotations.nginx\\.ingress\\.kubernetes\\.io/proxy-body-size=33m").exitCode())
                .as("raised with it").isZero();
    }

    @Test
    void theConsoleLogFormatAndTheTimersPercentilesAreValuesOfTheirOwn() throws Exception {
        assertRefusedThenPassedOn("consoleLogFormat", "WLP_LOGGING_CONSOLE_FORMAT", "xml", "json", "SIMPLE");
        assertRefusedThenPassedOn("timerPercentiles", "MP_METRICS_DISTRIBUTION_PERCENTILES", "answer.ack=95",
                "answer.ack=0.99;quiz.game.push=0.9");
    }

    /** {@code config.<value>} set to {@code refused} fails the chart, naming it; each of {@code allowed} reaches the ConfigMap. */
    private static void assertRefusedThenPassedOn(String value, String env, String refused, String... allowed) throws Exception {
        Helm.Result tooShort = Chart.template("--set", "config." + value + "=" + refused);
        assertThat(tooShort.exitCode()).isNotZero();
        assertThat(tooShort.stderr()).contains(value);
        for (String ok : allowed) {
            JsonNode config = ofKind(Chart.render("--set", "config." + value + "=" + ok), "ConfigMap").stream()
                    .filter(c -> c.at("/data/" + env).isTextual()).findFirst().orElseThrow();
            assertThat(config.at("/data/" + env).asText()).isEqualTo(ok);
        }
    }

    @Test
    void theNetworkPolicyAdmitsTheIngressControllerMonitoringAndTheReleaseOnly() throws Exception {
        List<JsonNode> objects = Chart.render();
        List<JsonNode> policies = ofKind(objects, "NetworkPolicy");
        List<JsonNode> deployments = ofKind(objects, "Deployment");
        assertThat(policies).hasSameSizeAs(deployments);
        for (JsonNode d : deployments) {
            JsonNode policy = policies.stream().filter(p -> p.at("/spec/podSelector")
                    .equals(d.at("/spec/selector"))).findFirst().orElseThrow();
            assertThat(policy.at("/spec/policyTypes").toString()).contains("Ingress", "Egress");
            JsonNode ingress = policy.at("/spec/ingress");
            assertThat(ingress).hasSize(3);
            assertThat(ingress.get(0).toString()).contains("\"kubernetes.io/metadata.name\":\"ingress-nginx\"");
            assertThat(ingress.get(1).toString()).contains("\"kubernetes.io/metadata.name\":\"monitoring\"");
            assertThat(ingress.get(2).at("/from/0/podSelector/matchLabels/app.kubernetes.io~1instance").asText())
                    .isEqualTo("quiz");
            ingress.forEach(rule -> assertThat(rule.at("/ports/0/port").asInt()).isEqualTo(9080));
            Set<Integer> egressPorts = new TreeSet<>();
            policy.at("/spec/egress").forEach(r -> r.path("ports").forEach(p -> egressPorts.add(p.path("port").asInt())));
            boolean web = d.at("/metadata/name").asText().endsWith("-web");
            assertThat(egressPorts).isEqualTo(web ? Set.of(53) : Set.of(53, 5432, 6379, 9080, 9092));
        }
        assertThat(ofKind(Chart.render("--set", "networkPolicy.enabled=false"), "NetworkPolicy")).isEmpty();
    }

    @Test
    void helmTestPodsCallTheReadinessOfEveryService() throws Exception {
        List<JsonNode> objects = Chart.render();
        List<JsonNode> services = ofKind(objects, "Service");
        List<JsonNode> tests = ofKind(objects, "Pod");
        assertThat(tests).hasSameSizeAs(services);
        Set<String> urls = new TreeSet<>();
        for (JsonNode pod : tests) {
            assertThat(pod.at("/metadata/annotations/helm.sh~1hook").asText()).isEqualTo("test");
            JsonNode command = pod.at("/spec/containers/0/command");
            assertThat(command.get(0).asText()).isEqualTo("curl");
            assertThat(command.toString()).contains("--fail");
            urls.add(command.get(command.size() - 1).asText());
            // No Service may send traffic to a test pod.
            for (JsonNode s : services) {
                Map<String, String> selector = new ObjectMapper().convertValue(s.at("/spec/selector"), Map.class);
                Map<String, String> labels = new ObjectMapper().convertValue(pod.at("/metadata/labels"), Map.class);
                assertThat(labels.entrySet().containsAll(selector.entrySet())).isFalse();
            }
        }
        assertThat(urls).isEqualTo(services.stream().map(s -> "http://" + s.at("/metadata/name").asText()
                + ":9080/health/ready").collect(Collectors.toCollection(TreeSet::new)));
        assertThat(ofKind(Chart.render("--set", "tests.enabled=false"), "Pod")).isEmpty();
    }

    @Test
    void theHttpRouteSendsEveryPrefixAndKeepsTheGameSocketOpen() throws Exception {
        List<JsonNode> objects = Chart.render("-f", Chart.values(PRODUCTION));
        JsonNode route = ofKind(objects, "HTTPRoute").get(0);
        assertThat(route.at("/spec/parentRefs/0/name").asText()).isEqualTo("public");
        assertThat(route.at("/spec/hostnames/0").asText()).isEqualTo("quiz.example.com");
        Map<String, JsonNode> rules = new HashMap<>();
        route.at("/spec/rules").forEach(r -> rules.put(r.at("/matches/0/path/value").asText(), r));
        assertThat(rules.keySet()).contains("/user", "/quiz", "/quiz/ws", "/answer", "/scoring", "/");
        for (String service : List.of("/user", "/quiz", "/quiz/ws", "/answer", "/scoring")) {
            assertThat(rules.get(service).at("/matches/0/path/type").asText()).isEqualTo("PathPrefix");
        }
        assertThat(rules.get("/quiz/ws").at("/backendRefs/0/name").asText()).isEqualTo("quiz-quiz-platform-quiz");
        assertThat(rules.get("/quiz/ws").at("/timeouts/request").asText()).isEqualTo("0s");
        // The web client's start page exactly, not everything under / (see thePublicRoutes...).
        assertThat(rules.get("/").at("/matches/0/path/type").asText()).isEqualTo("Exact");
        assertThat(rules.get("/").at("/backendRefs/0/name").asText()).isEqualTo("quiz-quiz-platform-web");
        Helm.Result noParent = Chart.template("--set", "gateway.enabled=true");
        assertThat(noParent.exitCode()).isNotZero();
        assertThat(noParent.stderr()).contains("gateway.parentRefs is required");
        // Gateway host names give the allowed WebSocket origins when the Ingress is off.
        JsonNode config = ofKind(Chart.render("-f", Chart.values(EAR)), "ConfigMap").get(0);
        assertThat(config.at("/data/WS_ALLOWED_ORIGINS").asText()).isEqualTo("https://quiz.example.org");
    }

    /**
     * The Ingress and the HTTPRoute publish what the site's visitors need and nothing of the servers' own: Liberty
     * serves /metrics (mpMetrics without authentication), /health and /openapi at the root of every server, so a
     * {@code /} prefix to the web client's server, or to the EAR's, would put them on the internet. The web client's
     * public paths are its top-level files and folders (web-app/src/main/webapp) and its servlets.
     */
    @Test
    void thePublicRoutesReachTheApisAndTheWebClientButNotMetricsHealthOrOpenApi() throws Exception {
        List<String> web = new ArrayList<>(List.of("/"));
        Path webapp = Chart.ROOT.resolve("web-app/src/main/webapp");
        try (var entries = Files.list(webapp)) {
            for (Path e : entries.sorted().toList()) {
                String name = e.getFileName().toString();
                if (Set.of("WEB-INF", "META-INF", "index.html", "not-found.html").contains(name)) {
                    continue;
                }
                web.addAll(Files.isDirectory(e) ? List.of("/" + name, "/" + name + "/", "/" + name + "/x.html")
                        : List.of("/" + name));
            }
        }
        try (var sources = Files.walk(Chart.ROOT.resolve("web-app/src/main/java"))) {
            for (Path f : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher servlet = Pattern.compile("@WebServlet\\(urlPatterns = \"([^\"*]+)\"").matcher(Files.readString(f));
                while (servlet.find()) {
                    web.add(servlet.group(1));
                }
            }
        }
        assertThat(web).contains("/play/", "/host/x.html", "/js/x.html", "/css/x.html", "/i18n/x.html", "/favicon.svg",
                "/qr.svg");
        Map<String, String> apis = Map.of("/user/api/sessions", "user", "/quiz/api/games/players", "quiz",
                "/quiz/ws/games/g-1", "quiz", "/quiz/ws/join", "quiz", "/answer/api/admin/dead-letters", "answer",
                "/scoring/api/games/g-1/leaderboard", "scoring");
        List<String> serversOwn = List.of("/metrics", "/metrics/application", "/health", "/health/ready", "/health/live",
                "/openapi", "/openapi/ui", "/ibm/api/docs", "/no-such-page");

        for (String mode : List.of("split", "ear")) {
            List<JsonNode> objects = Chart.render("--set", "mode=" + mode, "--set", "ingress.enabled=true",
                    "--set", "gateway.enabled=true", "--set", "gateway.parentRefs[0].name=public");
            for (String kind : List.of("Ingress", "HTTPRoute")) {
                List<Route> routes = routes(objects, kind);
                String where = mode + " " + kind;
                assertThat(routes).as(where).isNotEmpty()
                        .noneMatch(r -> r.prefix() && r.path().equals("/"))
                        .noneMatch(r -> r.path().matches("/(metrics|health|openapi)(/.*)?"));
                for (String url : serversOwn) {
                    assertThat(routes).as("%s must not route %s", where, url).noneMatch(r -> r.matches(url));
                }
                for (String url : web) {
                    assertThat(backend(routes, url)).as("%s routes %s", where, url)
                            .isEqualTo("quiz-quiz-platform-" + (mode.equals("ear") ? "ear" : "web"));
                }
                apis.forEach((url, key) -> assertThat(backend(routes, url)).as("%s routes %s", where, url)
                        .isEqualTo("quiz-quiz-platform-" + (mode.equals("ear") ? "ear" : key)));
            }
        }
    }

    /** One path of an Ingress or HTTPRoute: Exact, or Prefix (matching whole path elements, as both APIs do). */
    record Route(String path, boolean prefix, String backend) {
        boolean matches(String url) {
            if (!prefix) {
                return url.equals(path);
            }
            return path.equals("/") || url.equals(path) || url.startsWith(path.endsWith("/") ? path : path + "/");
        }
    }

    static List<Route> routes(List<JsonNode> objects, String kind) {
        List<Route> routes = new ArrayList<>();
        for (JsonNode o : ofKind(objects, kind)) {
            if (kind.equals("Ingress")) {
                o.at("/spec/rules").forEach(rule -> rule.at("/http/paths").forEach(p -> routes.add(new Route(
                        p.path("path").asText(), !p.path("pathType").asText().equals("Exact"),
                        p.at("/backend/service/name").asText()))));
            } else {
                o.at("/spec/rules").forEach(rule -> rule.path("matches").forEach(m -> routes.add(new Route(
                        m.at("/path/value").asText(), !m.at("/path/type").asText().equals("Exact"),
                        rule.at("/backendRefs/0/name").asText()))));
            }
        }
        return routes;
    }

    /** The Service a request for this path goes to (an exact match first, then the longest prefix), or null. */
    static String backend(List<Route> routes, String url) {
        return routes.stream().filter(r -> r.matches(url))
                .max(java.util.Comparator.comparing((Route r) -> !r.prefix()).thenComparing(r -> r.path().length()))
                .map(Route::backend).orElse(null);
    }

    /** Sprig's default treats 0 as empty: maxUnavailable 0 (no voluntary disruption at all) must stay 0. */
    @Test
    void thePodDisruptionBudgetKeepsAMaxUnavailableOfZero() throws Exception {
        for (String[] valueAndExpected : List.of(new String[] {null, "1"}, new String[] {"0", "0"},
                new String[] {"2", "2"}, new String[] {"25%", "25%"})) {
            String value = valueAndExpected[0];
            List<JsonNode> pdbs = ofKind(value == null ? Chart.render() : Chart.render(
                    value.endsWith("%") ? "--set-string" : "--set", "podDisruptionBudget.maxUnavailable=" + value),
                    "PodDisruptionBudget");
            assertThat(pdbs).hasSize(5);
            for (JsonNode pdb : pdbs) {
                JsonNode max = pdb.at("/spec/maxUnavailable");
                assertThat(max.asText()).as("maxUnavailable=%s", value).isEqualTo(valueAndExpected[1]);
                assertThat(max.isInt()).isEqualTo(!valueAndExpected[1].endsWith("%"));
            }
        }
    }

    /** values.schema.json takes initialDelaySeconds for every probe: the Deployments must carry it when it is set. */
    @Test
    void theProbesInitialDelaysAreRenderedWhenSet() throws Exception {
        for (String mode : List.of("split", "ear")) {
            List<JsonNode> deployments = ofKind(Chart.render("--set", "mode=" + mode,
                    "--set", "probes.liveness.initialDelaySeconds=40", "--set", "probes.readiness.initialDelaySeconds=15",
                    "--set", "probes.startup.initialDelaySeconds=20"), "Deployment");
            assertThat(deployments).isNotEmpty();
            for (JsonNode d : deployments) {
                JsonNode c = d.at("/spec/template/spec/containers/0");
                assertThat(c.at("/livenessProbe/initialDelaySeconds").asInt(-1)).as(mode).isEqualTo(40);
                assertThat(c.at("/readinessProbe/initialDelaySeconds").asInt(-1)).as(mode).isEqualTo(15);
                assertThat(c.at("/startupProbe/initialDelaySeconds").asInt(-1)).as(mode).isEqualTo(20);
            }
        }
        // Unset: left to Kubernetes (0), as before; the startup probe keeps its 10 s.
        for (JsonNode d : ofKind(Chart.render(), "Deployment")) {
            JsonNode c = d.at("/spec/template/spec/containers/0");
            assertThat(c.at("/livenessProbe").has("initialDelaySeconds")).isFalse();
            assertThat(c.at("/readinessProbe").has("initialDelaySeconds")).isFalse();
            assertThat(c.at("/startupProbe/initialDelaySeconds").asInt()).isEqualTo(10);
        }
    }

    @Test
    void monitoringObjectsSelectTheServicesAndAlertOnWhatTheIssueAsks() throws Exception {
        List<JsonNode> objects = Chart.render(ALL_ON);
        JsonNode monitor = ofKind(objects, "ServiceMonitor").get(0);
        Map<String, String> selector = new ObjectMapper().convertValue(monitor.at("/spec/selector/matchLabels"), Map.class);
        for (JsonNode s : ofKind(objects, "Service")) {
            Map<String, String> labels = new ObjectMapper().convertValue(s.at("/metadata/labels"), Map.class);
            assertThat(labels).containsAllEntriesOf(selector);
        }
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
        List<String> alerts = new ArrayList<>();
        ofKind(objects, "PrometheusRule").get(0).at("/spec/groups/0/rules").forEach(r -> alerts.add(r.path("alert").asText()));
        assertThat(alerts).containsExactly("QuizPlatformConsumerLag", "QuizPlatformOutboxPending", "QuizPlatformOutboxStale",
                "QuizPlatformEventsWaitingForGame", "QuizPlatformEventsDeadLettered", "QuizPlatformHttp5xxRate", "QuizPlatformAnswerAckLatency",
                "QuizPlatformGameClockLate", "QuizPlatformRedisSecurityFailOpen");
        // The same alerts with the defaults: none waits for a metric nobody exports.
        List<String> byDefault = new ArrayList<>();
        ofKind(Chart.render("--set", "monitoring.prometheusRule.enabled=true", "--set", "monitoring.serviceMonitor.enabled=true"),
                "PrometheusRule").get(0)
                .at("/spec/groups/0/rules").forEach(r -> byDefault.add(r.path("alert").asText()));
        assertThat(byDefault).isEqualTo(alerts);
        JsonNode dashboard = ofKind(objects, "ConfigMap").stream()
                .filter(c -> c.at("/metadata/labels/grafana_dashboard").asText().equals("1")).findFirst().orElseThrow();
        JsonNode json = new ObjectMapper().readTree(dashboard.at("/data/quiz-platform.json").asText());
        assertThat(json.path("panels").size()).isGreaterThanOrEqualTo(10);
        // Off by default.
        assertThat(Chart.render()).noneMatch(o -> Set.of("ServiceMonitor", "PrometheusRule").contains(o.path("kind").asText()))
                .noneMatch(o -> o.at("/metadata/labels/grafana_dashboard").isTextual());
    }

    static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    static String env(JsonNode container, String name) {
        return StreamSupport.stream(container.path("env").spliterator(), false)
                .filter(e -> e.path("name").asText().equals(name)).map(e -> e.path("value").asText()).findFirst()
                .orElse(null);
    }

    /** Environment variable name -> its secretKeyRef. */
    static Map<String, JsonNode> secretRefs(JsonNode container) {
        Map<String, JsonNode> refs = new LinkedHashMap<>();
        container.path("env").forEach(e -> {
            JsonNode ref = e.at("/valueFrom/secretKeyRef");
            if (!ref.isMissingNode()) {
                refs.put(e.path("name").asText(), ref);
            }
        });
        return refs;
    }

    /** Every secretKeyRef (and secret volume item) naming the chart's own Secret names a key that Secret has. */
    static void assertSecretKeysExist(List<JsonNode> objects) {
        List<JsonNode> secrets = ofKind(objects, "Secret");
        assertThat(secrets).hasSize(1);
        String name = secrets.get(0).at("/metadata/name").asText();
        Set<String> keys = new TreeSet<>();
        secrets.get(0).path("stringData").fieldNames().forEachRemaining(keys::add);
        int checked = 0;
        for (JsonNode o : objects) {
            for (JsonNode ref : o.findValues("secretKeyRef")) {
                if (ref.path("name").asText().equals(name)) {
                    assertThat(keys).as("%s reads %s from Secret %s", o.at("/metadata/name").asText(),
                            ref.path("key").asText(), name).contains(ref.path("key").asText());
                    checked++;
                }
            }
        }
        assertThat(checked).isPositive();
    }
}
