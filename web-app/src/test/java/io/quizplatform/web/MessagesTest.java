package io.quizplatform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every text of the web client comes from the message files: both languages have the same keys with the same
 * placeholders, and every key the pages and scripts name exists.
 */
class MessagesTest {

    private static final Path WEB = Path.of("src/main/webapp");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
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
        Matcher entry = Pattern.compile("\\[(['\"])(.*?)\\1, '(refusal\\.[\\w.]+)'\\]")
                .matcher(Files.readString(WEB.resolve("js/refusals.js")));
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
