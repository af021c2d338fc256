package io.quizplatform.quiz.api.ws;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.quizplatform.quiz.api.ws.ClientMessages.Read;
import io.quizplatform.quiz.api.ws.ClientMessages.Reading;
import io.quizplatform.quiz.api.ws.ClientMessages.Refused;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The socket reader's one promise, for any text at all: a typed message that keeps every rule, or a refusal with a
 * documented code; never another exception, never a stack overflow, never a class name in what the client is told.
 * <p>
 * In a plain {@code ./mvnw verify} the fuzz test runs in Jazzer's regression mode (every input of the seed corpus
 * in {@code src/test/resources/.../ClientMessagesFuzzTestInputs/readsOrRefuses} once), and
 * {@link #mutatedSeedsAreReadOrRefused} puts 20,000 mutations of those seeds through the same check in about a
 * second. To fuzz for real (coverage-guided, up to {@code maxDuration}, findings saved beside the seeds):
 * {@code JAZZER_FUZZ=1 ./mvnw -o test -pl quiz-app -Dtest=ClientMessagesFuzzTest}.
 */
class ClientMessagesFuzzTest {

    private static final Set<String> CODES = Set.of(ClientMessages.MALFORMED, ClientMessages.UNKNOWN_TYPE,
            ClientMessages.INVALID_MESSAGE, ClientMessages.INVALID_ROLE, ClientMessages.INVALID_TOKEN, ClientMessages.INVALID_ANSWER);
    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,31}");

    @FuzzTest(maxDuration = "60s")
    void readsOrRefuses(byte[] input) {
        check(new String(input, StandardCharsets.UTF_8));
    }

    @Test
    void mutatedSeedsAreReadOrRefused() {
        List<String> seeds = seeds();
        assertThat(seeds).hasSizeGreaterThan(10);
        Random random = new Random(20261201);
        String[] pieces = {"{", "}", "[", "]", "\"", ",", ":", "\\", "\\u0000", "\\ud800", "\\udc00", "\\n", "\u0000",
                "null", "true", "-0", "1e400", "4294967296", "0.0", "\"type\"", "\"answer\"", "\"hello\"", "\"kick\"",
                "\"questionIndex\"", "\"optionIds\"", "\"text\"", "\"role\"", "\"token\"", "\"player\"", "😀", "\ud800", " "};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
                int at = text.length() == 0 ? 0 : random.nextInt(text.length());
                switch (random.nextInt(4)) {
                    case 0 -> text.insert(at, pieces[random.nextInt(pieces.length)]);
                    case 1 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(6)));
                    case 2 -> text.replace(at, Math.min(text.length(), at + 1), pieces[random.nextInt(pieces.length)]);
                    default -> text.append(text, 0, Math.min(text.length(), random.nextInt(64)));
                }
            }
            check(text.toString());
        }
    }

    /** The promise, checked on one text. */
    static void check(String text) {
        Reading reading;
        try {
            reading = ClientMessages.read(text);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("neither a message nor a refusal for " + text, e);
        }
        if (reading instanceof Refused refused) {
            if (!CODES.contains(refused.code())) {
                throw new AssertionError("undocumented code " + refused.code() + " for " + text);
            }
            if (refused.field() != null && !FIELD.matcher(refused.field()).matches()) {
                throw new AssertionError("a field name that is not one of ours: " + refused.field());
            }
            if (refused.message() == null || refused.message().isBlank() || refused.message().contains("java.")
                    || refused.message().contains("io.quizplatform") || !ClientMessages.plainText(refused.message())) {
                throw new AssertionError("a message that is not for a person: " + refused.message());
            }
            if (refused.questionIndex() < -1 || refused.questionIndex() >= ClientMessages.MAX_QUESTIONS) {
                throw new AssertionError("a question index out of range: " + refused.questionIndex());
            }
            return;
        }
        ClientMessage message = ((Read) reading).message();
        if (message instanceof ClientMessage.Answer answer) {
            if (answer.questionIndex() < 0 || answer.questionIndex() >= ClientMessages.MAX_QUESTIONS) {
                throw new AssertionError("an answer to question " + answer.questionIndex() + " from " + text);
            }
            if ((answer.text() == null) == answer.optionIds().isEmpty()) {
                throw new AssertionError("an answer with both or neither of text and options from " + text);
            }
            if (answer.text() != null && (!ClientMessages.plainText(answer.text())
                    || answer.text().codePointCount(0, answer.text().length()) > ClientMessages.MAX_TEXT_LENGTH)) {
                throw new AssertionError("a text that could not be stored from " + text);
            }
            for (String id : answer.optionIds()) {
                if (id.isEmpty() || id.length() > ClientMessages.MAX_OPTION_ID_LENGTH || !ClientMessages.plainText(id)) {
                    throw new AssertionError("an option id out of bounds from " + text);
                }
            }
        } else if (message instanceof ClientMessage.Hello hello) {
            if (hello.token().isEmpty() || hello.token().length() > ClientMessages.MAX_TOKEN_LENGTH) {
                throw new AssertionError("a token out of bounds from " + text);
            }
        }
    }

    private static List<String> seeds() {
        try {
            Path dir = Path.of(ClientMessagesFuzzTest.class.getResource("ClientMessagesFuzzTestInputs/readsOrRefuses").toURI());
            try (Stream<Path> files = Files.list(dir)) {
                return files.sorted().map(f -> {
                    try {
                        return Files.readString(f, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        return new String(readBytes(f), StandardCharsets.UTF_8);
                    }
                }).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
