package io.quizplatform.platform.api.json;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The strict reader's one promise, for any bytes at all: it returns a value or refuses with a
 * {@link JsonInputException} (a 400 naming the field); never any other exception, never a stack overflow, never
 * an attempt to expand {@code 1e999999999}.
 * <p>
 * In a plain {@code ./mvnw verify} (and so in CI) this runs in Jazzer's regression mode: every input of the seed
 * corpus in {@code src/test/resources/.../StrictJsonFuzzTestInputs/readsOrRefuses} once, in well under a second.
 * To fuzz for real (coverage-guided, up to {@code maxDuration}, new findings saved beside the seeds):
 * {@code JAZZER_FUZZ=1 ./mvnw -o test -pl platform -Dtest=StrictJsonFuzzTest}.
 */
class StrictJsonFuzzTest {

    record Option(String id, String text, boolean correct) {
    }

    record Question(String id, String type, String text, String imageUrl, int timeLimitSeconds, int points,
                    List<Option> options, List<String> acceptedAnswers) {
    }

    record Settings(boolean speedScoring, boolean streakBonus) {
    }

    record Document(String id, String title, String description, Settings settings, long version, Boolean lateJoinAllowed,
                    List<Question> questions, Set<String> tags, Map<String, Integer> counts, java.util.UUID quizId,
                    Double ratio) {
    }

    private static final StrictJsonParser PARSER = new StrictJsonParser(StrictJsonParser.DEFAULT_MAX_DEPTH);

    @FuzzTest(maxDuration = "20s")
    void readsOrRefuses(byte[] input) {
        try {
            if (StrictJsonParser.isBlank(input)) {
                return;
            }
            Object tree = PARSER.parse(input);
            StrictBinder.bind(tree, Document.class);
        } catch (JsonInputException refused) {
            if (refused.violations().isEmpty()) {
                throw new AssertionError("a refusal must name at least one field");
            }
            for (JsonInputException.Violation v : refused.violations()) {
                if (v.field() == null || v.field().isEmpty() || v.message().contains("java.")
                        || v.message().contains("io.quizplatform")) {
                    throw new AssertionError("a refusal must name a field and no class: " + v);
                }
            }
        }
    }
}
