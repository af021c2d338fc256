package io.quizplatform.quiz.api;

import io.quizplatform.platform.api.json.JsonInputException;
import io.quizplatform.platform.api.json.StrictBinder;
import io.quizplatform.platform.api.json.StrictJsonParser;
import io.quizplatform.quiz.domain.quiz.QuizDetail;
import io.quizplatform.quiz.application.QuizDocument;
import io.quizplatform.quiz.domain.quiz.QuizSettings;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** quiz-app's bodies through the strict reader: the export format imports again, the issue's inputs do not. */
class StrictBodiesTest {

    private static final StrictJsonParser PARSER = new StrictJsonParser(StrictJsonParser.DEFAULT_MAX_DEPTH);

    static Object read(String json, Class<?> type) {
        return StrictBinder.bind(PARSER.parse(json.getBytes(StandardCharsets.UTF_8)), type);
    }

    @Test
    void anExportedQuizImportsAgain() throws Exception {
        // The export format is the quiz plus the uploaded images its questions show.
        QuizDocument exported = new QuizDocument("0b6f3f7e-3f55-4a3b-9c57-1d7c52b7f6a1", "owner", "Capitals", "About capitals",
                new QuizSettings(true, false), "published", 4L, null, List.of(new QuizDetail.QuestionView("q1", "single-choice",
                "Capital of France?", "/quiz/api/images/" + "ab".repeat(32), 20, 1000, List.of(new QuizDetail.OptionView("a", "Paris", true),
                new QuizDetail.OptionView("b", "Lyon", false)), List.of())),
                List.of(new QuizDocument.ImageData("ab".repeat(32), "image/png", "iVBORw0KGgo=")));
        String json;
        try (var jsonb = JsonbBuilder.create()) {
            json = jsonb.toJson(exported);
        }
        assertThat(read(json, QuizDocument.class)).isEqualTo(exported);
    }

    @Test
    void theIssuesInputsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> read("{\"title\":\"T\",\"version\":1,\"questions\":[{\"timeLimitSeconds\":20,\"points\":4294968296}]}",
                QuizDetail.class))
                .isInstanceOfSatisfying(JsonInputException.class, e -> assertThat(e.violations())
                        .extracting(JsonInputException.Violation::field).containsExactly("questions[0].points"));
        assertThatThrownBy(() -> read("{\"title\":\"T\",\"settings\":{\"speedScoring\":\"maybe\",\"streakBonus\":true}}",
                QuizResource.Details.class))
                .isInstanceOfSatisfying(JsonInputException.class, e -> assertThat(e.violations())
                        .extracting(JsonInputException.Violation::field).containsExactly("settings.speedScoring"));
        assertThatThrownBy(() -> read("{\"title\":\"T\",\"settings\":{\"speedBonus\":true}}", QuizResource.Details.class))
                .isInstanceOfSatisfying(JsonInputException.class, e -> assertThat(e.getMessage())
                        .contains("settings.speedBonus").doesNotContain("io.quizplatform"));
        assertThatThrownBy(() -> read("{\"pin\":123456,\"nickname\":\"N\"}", GameResource.JoinRequest.class))
                .isInstanceOf(JsonInputException.class);
    }
}
