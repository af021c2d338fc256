package io.quizplatform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every text of the web client comes from the message files: both languages have the same keys with the same
 * placeholders, and every key the pages and scripts name exists. js/refusals.js knows the services' English by
 * templates, which must stay the services' wording.
 */
class MessagesTest {

    private static final Path WEB = Path.of("src/main/webapp");
    /** The services' sources, next to this module. */
    private static final List<Path> SERVICES = Stream.of("user-app", "quiz-app", "scoring-app", "answer-app", "platform")
            .map(module -> Path.of("..", module, "src/main/java")).toList();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    /** A template of js/refusals.js: ['the server's wording, {name} for any text', 'refusal.key']. */
    private static final Pattern TEMPLATE = Pattern.compile("\\[(['\"])(.*?)\\1, '(refusal\\.[\\w.]+)'\\]");
    /** t('key'), i18n: 'key', data-i18n="key", data-i18n-title="key", 'attr:key' in data-i18n-attr (no space after the colon). */
    private static final Pattern USED = Pattern.compile(
            "(?:\\bt\\(\\s*['\"]|i18n: ['\"]|data-i18n(?:-title)?=\"|[a-z]:)((?:common|start|game|play|screen|host|library|editor|report|games|refusal)\\.[A-Za-z0-9_.]+)");
    private static final Pattern KEY_LITERAL = Pattern.compile(
            "'((?:common|start|game|play|screen|host|library|editor|report|games|refusal)\\.[A-Za-z0-9_.]*[A-Za-z0-9_])'");

    @Test
    void bothLanguagesHaveTheSameMessagesWithTheSamePlaceholders() throws IOException {
        Map<String, String> en = messages("en");
        Map<String, String> vi = messages("vi");
        assertThat(vi.keySet()).as("Vietnamese keys").isEqualTo(en.keySet());
        for (String key : en.keySet()) {
            assertThat(placeholders(vi.get(key))).as(key).isEqualTo(placeholders(en.get(key)));
            assertThat(vi.get(key)).as(key).isNotBlank();
        }
    }

    @Test
    void everyKeyThePagesUseExists() throws IOException {
        Set<String> known = messages("en").keySet();
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(WEB)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js") || f.toString().endsWith(".html")).toList()) {
                String text = Files.readString(file);
                for (Pattern pattern : new Pattern[] {USED, KEY_LITERAL}) {
                    Matcher m = pattern.matcher(text);
                    while (m.find()) {
                        String key = m.group(1);
                        if (!known.contains(key) && !isPrefix(key, known)) {
                            missing.add(WEB.relativize(file) + ": " + key);
                        }
                    }
                }
            }
        }
        assertThat(missing).as("keys without a message").isEmpty();
    }

    /**
     * js/refusals.js knows a server's sentence by a template whose {name}s become the placeholders of its message: a
     * message may use only those, or a page would show "{max}" instead of a number.
     */
    @Test
    void everyRefusalMessageGetsItsPlaceholdersFromItsTemplate() throws IOException {
        Matcher entry = TEMPLATE.matcher(refusalsJs());
        Map<String, Map<String, String>> languages = Map.of("en", messages("en"), "vi", messages("vi"));
        int templates = 0;
        for (; entry.find(); templates++) {
            for (var lang : languages.entrySet()) {
                assertThat(placeholders(lang.getValue().get(entry.group(3))))
                        .as("%s %s for \"%s\"", lang.getKey(), entry.group(3), entry.group(2))
                        .isSubsetOf(placeholders(entry.group(2)));
            }
        }
        assertThat(templates).as("templates found in js/refusals.js").isGreaterThan(50);
    }

    /**
     * Each template's literal parts (the text around its {name}s) are still in a service's sources (Bean Validation
     * messages included, written in the annotations), so rewording a refusal on the server fails this build instead
     * of a page quietly falling back to a general sentence. A part is also cut before " (": the services often add a
     * detail in brackets from a literal of its own. Parts of fewer than 4 characters prove nothing and are skipped.
     */
    @Test
    void everyRefusalTemplateIsStillTheServicesWording() throws IOException {
        String sources = serviceSources();
        Set<String> reworded = new TreeSet<>();
        Matcher entry = TEMPLATE.matcher(refusalsJs());
        while (entry.find()) {
            for (String part : entry.group(2).split("\\{\\w+}|(?= \\()")) {
                if (part.strip().length() >= 4 && !sources.contains(part)) {
                    reworded.add("\"" + part + "\" of \"" + entry.group(2) + "\"");
                }
            }
        }
        assertThat(reworded).as("template parts no service says any more").isEmpty();
    }

    /**
     * Every field error code js/refusals.js knows (its FIELD_CODES) is one a service gives: a code renamed on the
     * server fails this build rather than its refusals falling back to a general sentence.
     */
    @Test
    void everyFieldCodeTheClientKnowsIsAServicesCode() throws IOException {
        Set<String> known = clientFieldCodes();
        Set<String> unknown = new TreeSet<>(known);
        unknown.removeAll(codesTheServicesGive());
        assertThat(known.size()).as("codes in FIELD_CODES").isGreaterThan(50);
        assertThat(unknown).as("codes no service sends").isEmpty();
    }

    /**
     * The other way: every code a service gives a field error has a message in js/refusals.js, so a new rule is said in
     * the page's language even when its wording is new.
     */
    @Test
    void everyFieldCodeAServiceGivesHasAMessage() throws IOException {
        Set<String> given = codesTheServicesGive();
        assertThat(given).as("codes the services give").hasSizeGreaterThan(60);
        assertThat(clientFieldCodes()).as("FIELD_CODES in js/refusals.js").containsAll(given);
    }

    /**
     * The codes the services give field errors, read where they give them: the code argument of a field error's
     * constructor (and of the helpers that make one), and the codes chosen by {@code codeOf} (Bean Validation's) and
     * {@code ImageRejected.code()}.
     */
    private static Set<String> codesTheServicesGive() throws IOException {
        String sources = serviceSources();
        Set<String> given = new TreeSet<>();
        // call -> the index of its code argument
        Map<String, Integer> calls = Map.of("new RuleViolation.Violation(", 1, "new RuleViolation(", 1,
                "new JsonInputException.Violation(", 1, "new JsonInputException(", 1, "new Problem.FieldError(", 1,
                "new BrokenRule(", 0, "refuse(", 1, "invalid(", 1, "choiceRules(", 4);
        for (var call : calls.entrySet()) {
            for (int at = sources.indexOf(call.getKey()); at >= 0; at = sources.indexOf(call.getKey(), at + 1)) {
                List<String> args = arguments(sources, at + call.getKey().length());
                if (args.size() > call.getValue() && args.get(call.getValue()).matches("\"[a-z0-9]+(-[a-z0-9]+)*\"")) {
                    given.add(args.get(call.getValue()).replace("\"", ""));
                }
            }
        }
        // The two methods that choose a code by a switch, each up to its closing brace at its own indentation.
        for (String[] chooser : new String[][] {
                {"../platform/src/main/java/io/quizplatform/platform/api/ProblemMappers.java", "static String codeOf(", "\n        }\n"},
                {"../quiz-app/src/main/java/io/quizplatform/quiz/domain/image/ImageRejected.java", "public String code() {", "\n    }\n"}}) {
            String text = Files.readString(Path.of(chooser[0]));
            int start = text.indexOf(chooser[1]);
            assertThat(start).as("%s in %s", chooser[1], chooser[0]).isNotNegative();
            Matcher chosen = Pattern.compile("(?:->|[?:]) \"([a-z0-9]+(?:-[a-z0-9]+)*)\"")
                    .matcher(text.substring(start, text.indexOf(chooser[2], start)));
            while (chosen.find()) {
                given.add(chosen.group(1));
            }
        }
        return given;
    }

    /** The codes of js/refusals.js's FIELD_CODES. */
    private static Set<String> clientFieldCodes() throws IOException {
        Matcher table = Pattern.compile("const FIELD_CODES = \\{(.*?)\\n};", Pattern.DOTALL).matcher(refusalsJs());
        assertThat(table.find()).as("FIELD_CODES in js/refusals.js").isTrue();
        Set<String> known = new TreeSet<>();
        Matcher entry = Pattern.compile("^\\s*'?([a-z0-9-]+)'?: 'refusal\\.", Pattern.MULTILINE).matcher(table.group(1));
        while (entry.find()) {
            known.add(entry.group(1));
        }
        return known;
    }

    /** The top-level arguments of a call whose text starts at {@code from} (just after its parenthesis), as written. */
    private static List<String> arguments(String source, int from) {
        List<String> args = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        boolean inString = false;
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (inString) {
                current.append(c);
                if (c == '\\') {
                    current.append(source.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                current.append(c);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
                current.append(c);
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth-- == 0) {
                    args.add(current.toString().strip());
                    return args;
                }
                current.append(c);
            } else if (c == ',' && depth == 0) {
                args.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        return args;
    }

    /** The report's "being completed (step X)" names one of scoring-app's steps, each with a message of its own. */
    @Test
    void everyStepOfCompletingAGameHasAMessage() throws IOException {
        Matcher steps = Pattern.compile("enum Step \\{([^}]*)}").matcher(Files.readString(
                Path.of("../scoring-app/src/main/java/io/quizplatform/scoring/application/FinalizationSteps.java")));
        assertThat(steps.find()).as("enum Step in FinalizationSteps.java").isTrue();
        String refusals = refusalsJs();
        for (String step : steps.group(1).split(",")) {
            assertThat(refusals).as("message for step %s", step.strip()).containsPattern(step.strip() + ": 'refusal\\.report\\.\\w+'");
        }
    }

    private static String refusalsJs() throws IOException {
        return Files.readString(WEB.resolve("js/refusals.js"));
    }

    /** The services' Java sources as one text, a literal split over lines ("..." + "...") joined again. */
    private static String serviceSources() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path root : SERVICES) {
            assertThat(root).as("sources of a service").isDirectory();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    all.append(Files.readString(file)).append('\n');
                }
            }
        }
        return all.toString().replaceAll("\"\\s*\\+\\s*\"", "");
    }

    /** Keys built at run time ('common.shape.' + name) are prefixes of real keys. */
    private static boolean isPrefix(String key, Set<String> known) {
        return key.endsWith(".") && known.stream().anyMatch(k -> k.startsWith(key));
    }

    private static Map<String, String> messages(String lang) throws IOException {
        Map<String, String> all = new HashMap<>();
        try (Stream<Path> files = Files.list(WEB.resolve("i18n").resolve(lang))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                try (JsonReader reader = Json.createReader(Files.newBufferedReader(file))) {
                    JsonObject object = reader.readObject();
                    object.forEach((key, value) -> {
                        assertThat(all).as("key %s given twice", key).doesNotContainKey(key);
                        all.put(key, object.getString(key));
                    });
                }
            }
        }
        return all;
    }

    private static Set<String> placeholders(String message) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(message);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
