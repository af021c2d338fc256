package io.quizplatform.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The chart under test and what it renders. */
final class Chart {

    static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    static final Path DIR = ROOT.resolve("helm/quiz-platform");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Chart() {
    }

    /** helm template with these arguments; fails the test with helm's message when it does not render. */
    static List<JsonNode> render(String... args) throws IOException, InterruptedException {
        Helm.Result r = template(args);
        if (!r.ok()) {
            throw new AssertionError("helm template " + String.join(" ", args) + " failed:\n" + r.stderr());
        }
        return objects(r.stdout());
    }

    static Helm.Result template(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("template", "quiz", DIR.toString(), "--namespace", "quiz"));
        all.addAll(List.of(args));
        return Helm.run(all.toArray(String[]::new));
    }

    static List<JsonNode> objects(String multiDocumentYaml) {
        List<JsonNode> out = new ArrayList<>();
        for (Object doc : new Yaml(new LoaderOptions()).loadAll(multiDocumentYaml)) {
            if (doc != null) {
                out.add(JSON.valueToTree(doc));
            }
        }
        return out;
    }

    static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml(new LoaderOptions()).load(Files.readString(file));
    }

    static String values(String file) {
        return DIR.resolve(file).toString();
    }
}
