package it.quizplatform;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files agree with each other, read statically (no Docker, no cluster, no stack): every application
 * that can run alone (server-config's deployment/&lt;app&gt;.xml other than ear.xml) is copied into the server's apps,
 * accepted by the Dockerfile, two services of the compose {@code split} profile behind nginx, and a Deployment of the
 * Helm chart, under the context root it has in the EAR. The web client (web-app, at /) gets none of the backends'
 * settings (database, Kafka, Redis, tokens) and takes the paths the services do not.
 */
class DeploymentFilesTest {

    private static final String WEB_APP = "web-app";
    private static final List<String> BACKENDS = List.of("user-app", "quiz-app", "answer-app", "scoring-app");

    private static Path root;
    /** App name to its context root, from deployment/&lt;app&gt;.xml. */
    private static final Map<String, String> contextRoots = new LinkedHashMap<>();

    @BeforeAll
    static void readDeployments() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root above " + Path.of("").toAbsolutePath()).isNotNull();
        root = dir;
        List<Path> files;
        try (Stream<Path> list = Files.list(root.resolve("server-config/src/main/liberty/config/deployment"))) {
            files = list.filter(f -> f.toString().endsWith(".xml")).sorted().toList();
        }
        for (Path file : files) {
            String app = file.getFileName().toString().replace(".xml", "");
            if (app.equals("ear")) {
                continue;
            }
            Element web = single(xml(file), "webApplication");
            assertThat(web.getAttribute("location")).as(file.toString()).isEqualTo(app + ".war");
            assertThat(web.getAttribute("name")).as(file.toString()).isEqualTo(app);
            contextRoots.put(app, web.getAttribute("contextRoot"));
        }
    }

    @Test
    void everyServiceAndTheWebClientCanRunAlone() {
        List<String> expected = new ArrayList<>(BACKENDS);
        expected.add(WEB_APP);
        assertThat(contextRoots.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(contextRoots).containsEntry(WEB_APP, "/");
    }

    @Test
    void contextRootsAloneAreThoseOfTheEar() throws Exception {
        Map<String, String> earRoots = new LinkedHashMap<>();
        NodeList modules = xml(root.resolve("ear/pom.xml")).getElementsByTagName("webModule");
        for (int i = 0; i < modules.getLength(); i++) {
            Element m = (Element) modules.item(i);
            earRoots.put(text(m, "artifactId"), text(m, "contextRoot"));
        }
        assertThat(earRoots).isEqualTo(contextRoots);
        assertThat(Files.readString(root.resolve("web-app/src/main/webapp/WEB-INF/ibm-web-ext.xml")))
                .contains("<context-root uri=\"/\"/>");
    }

    @Test
    void theServerBuildCopiesEveryWarIntoApps() throws Exception {
        NodeList items = xml(root.resolve("server-config/pom.xml")).getElementsByTagName("artifactItem");
        Map<String, String> copied = new LinkedHashMap<>();
        for (int i = 0; i < items.getLength(); i++) {
            Element item = (Element) items.item(i);
            copied.put(text(item, "artifactId"), text(item, "destFileName"));
        }
        contextRoots.keySet().forEach(app -> assertThat(copied).containsEntry(app, app + ".war"));
    }

    @Test
    void theDockerfileAcceptsEveryApp() throws IOException {
        String dockerfile = Files.readString(root.resolve("docker/Dockerfile"));
        Matcher wars = Pattern.compile("(?m)^\\s*([a-z|-]+)\\) cp \"/tmp/apps/\\$\\{DEPLOYMENT}\\.war\"").matcher(dockerfile);
        assertThat(wars.find()).as("the case branch copying one WAR").isTrue();
        assertThat(List.of(wars.group(1).split("\\|"))).containsExactlyInAnyOrderElementsOf(contextRoots.keySet());
        Matcher message = Pattern.compile("DEPLOYMENT must be one of ([a-z, -]+) \\(was").matcher(dockerfile);
        assertThat(message.find()).isTrue();
        List<String> listed = List.of(message.group(1).split(",\\s*"));
        assertThat(listed).contains("ear").containsAll(contextRoots.keySet()).hasSize(contextRoots.size() + 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsEveryAppTwiceInTheSplitProfileBehindNginx() throws IOException {
        Map<String, Object> services = (Map<String, Object>) yaml(root.resolve("docker-compose.yml")).get("services");
        Map<String, Object> nginx = (Map<String, Object>) services.get("nginx");
        Map<String, Object> nginxDependsOn = (Map<String, Object>) nginx.get("depends_on");
        for (String app : contextRoots.keySet()) {
            for (String instance : List.of(app + "-1", app + "-2")) {
                Map<String, Object> service = (Map<String, Object>) services.get(instance);
                assertThat(service).as("compose service " + instance).isNotNull();
                assertThat((List<String>) service.get("profiles")).containsExactly("split");
                assertThat(((Map<String, Object>) ((Map<String, Object>) service.get("build")).get("args")))
                        .containsEntry("DEPLOYMENT", app);
                Map<String, Object> env = (Map<String, Object>) service.get("environment");
                assertThat(env).containsEntry("DEPLOYMENT", app);
                assertThat(String.valueOf(((Map<String, Object>) service.get("healthcheck")).get("test")))
                        .contains("/health/ready");
                assertThat((String) service.get("image")).startsWith("quiz-platform-" + app + ":");
                assertThat((Map<String, Object>) nginxDependsOn.get(instance)).containsEntry("condition", "service_healthy");
                if (app.equals(WEB_APP)) {
                    assertThat(env.keySet()).noneMatch(DeploymentFilesTest::backendSetting);
                    assertThat(service).doesNotContainKey("depends_on");
                } else {
                    assertThat(env).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "REDIS_URL", "JWT_JWKS_URL");
                }
            }
            assertThat(services).as("only the two instances of " + app).doesNotContainKeys(app, app + "-3");
        }
    }

    @Test
    void nginxRoutesEachContextRootToBothInstancesAndTheRestToTheWebClient() throws IOException {
        String conf = Files.readString(root.resolve("docker/nginx.conf"));
        Map<String, List<String>> servers = new LinkedHashMap<>();
        Matcher upstream = Pattern.compile("upstream ([a-z_]+) \\{([^}]*)}").matcher(conf);
        while (upstream.find()) {
            List<String> hosts = new ArrayList<>();
            Matcher server = Pattern.compile("(?m)^\\s*server ([a-z0-9-]+):9080 resolve").matcher(upstream.group(2));
            while (server.find()) {
                hosts.add(server.group(1));
            }
            servers.put(upstream.group(1), hosts);
        }
        Map<String, String> upstreams = new LinkedHashMap<>();
        Matcher location = Pattern.compile("location (/[a-z]*) \\{\\s*proxy_pass http://([a-z_]+);").matcher(conf);
        while (location.find()) {
            upstreams.put(location.group(1), location.group(2));
        }
        contextRoots.forEach((app, path) -> {
            assertThat(upstreams).as("location " + path).containsKey(path);
            assertThat(servers.get(upstreams.get(path))).as("upstream of " + path)
                    .containsExactly(app + "-1", app + "-2");
        });
        assertThat(upstreams).hasSize(contextRoots.size());
        // The game socket keeps its upgrade headers and long timeouts.
        String quiz = conf.substring(conf.indexOf("location /quiz {"), conf.indexOf("location /answer {"));
        assertThat(quiz).contains("proxy_set_header Upgrade $http_upgrade;", "proxy_set_header Connection $connection_upgrade;",
                "proxy_read_timeout 3600s;");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theChartDeploysEveryAppAndOnlyTheServicesGetBackendSettings() throws IOException {
        Map<String, Object> values = yaml(root.resolve("helm/quiz-platform/values.yaml"));
        Map<String, Object> services = (Map<String, Object>) values.get("services");
        Map<String, String> keyByApp = new LinkedHashMap<>();
        services.forEach((key, v) -> {
            Map<String, Object> svc = (Map<String, Object>) v;
            String app = (String) svc.get("deployment");
            keyByApp.put(app, key);
            assertThat(svc).as("services." + key).containsEntry("enabled", true).containsEntry("path", contextRoots.get(app));
            assertThat((Map<String, Object>) svc.get("image")).containsEntry("repository", "quiz-platform-" + app);
        });
        assertThat(keyByApp.keySet()).containsExactlyInAnyOrderElementsOf(contextRoots.keySet());
        assertThat(keyByApp).containsEntry(WEB_APP, "web");

        // The keys with a database are the chart's backend services; the web client is not one of them.
        List<String> backendKeys = BACKENDS.stream().map(keyByApp::get).toList();
        Map<String, Object> databases = (Map<String, Object>) ((Map<String, Object>) values.get("secrets")).get("databases");
        assertThat(databases.keySet()).containsExactlyInAnyOrderElementsOf(backendKeys);
        String helpers = Files.readString(root.resolve("helm/quiz-platform/templates/_helpers.tpl"));
        Matcher isBackend = Pattern.compile("define \"quiz-platform.isBackend\".*?has \\.key \\(list ([^)]*)\\)",
                Pattern.DOTALL).matcher(helpers);
        assertThat(isBackend.find()).isTrue();
        assertThat(List.of(isBackend.group(1).replace("\"", "").trim().split("\\s+")))
                .containsExactlyInAnyOrderElementsOf(backendKeys);
        Map<String, Object> webEnv = (Map<String, Object>) ((Map<String, Object>) services.get("web")).get("env");
        assertThat(webEnv.keySet()).noneMatch(DeploymentFilesTest::backendSetting);

        // Database keys, the ConfigMap and Redis credentials are given to backend pods only.
        String deployment = Files.readString(root.resolve("helm/quiz-platform/templates/deployment.yaml"));
        for (String guarded : List.of("envFrom:", "_DB_%s", "name: REDIS_PASSWORD", "checksum/config")) {
            int at = deployment.indexOf(guarded);
            assertThat(at).as(guarded).isPositive();
            String before = deployment.substring(0, at);
            assertThat(before.lastIndexOf("$backend")).as(guarded + " under a $backend condition")
                    .isGreaterThan(before.lastIndexOf("{{- end }}"));
        }
    }

    @Test
    void theIngressPutsTheRootPathAfterTheServicePaths() throws IOException {
        String ingress = Files.readString(root.resolve("helm/quiz-platform/templates/ingress.yaml"));
        assertThat(ingress).contains("$rootPaths = append $rootPaths $p", "$paths = concat $paths $rootPaths",
                "path: {{ $p.path }}");
    }

    @Test
    void theDocsNameEveryDeployment() throws IOException {
        String docs = Files.readString(root.resolve("docs/DEPLOYMENT.md"));
        String row = docs.lines().filter(l -> l.startsWith("| `DEPLOYMENT` | `ear` |")).findFirst().orElseThrow();
        contextRoots.keySet().forEach(app -> assertThat(row).contains("`" + app + "`"));
        assertThat(docs).contains("quiz-platform-web-app", "services.web");
    }

    private static boolean backendSetting(String name) {
        return name.contains("_DB_") || name.startsWith("KAFKA_") || name.startsWith("REDIS_")
                || name.startsWith("JWT_") || name.equals("PLAYER_TOKEN_SECRET");
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        // docker-compose.yml shares its settings through many YAML aliases (snakeyaml's default allows 50).
        options.setMaxAliasesForCollections(1000);
        return new Yaml(options).load(Files.readString(file));
    }

    private static Document xml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static Element single(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        assertThat(nodes.getLength()).as(tag).isEqualTo(1);
        return (Element) nodes.item(0);
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }
}
