package io.quizplatform.quiz.infrastructure.eventstore;

import io.quizplatform.quiz.domain.quiz.QuizEvent;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.util.Map;

/** Quiz events to and from the JSON kept in {@code event_store.event_data} and sent as the Kafka payload. */
public final class QuizEventCodec {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private static final Map<String, Class<? extends QuizEvent>> TYPES = Map.of(
            "quiz.created", QuizEvent.QuizCreated.class,
            "quiz.details-changed", QuizEvent.QuizDetailsChanged.class,
            "quiz.question-added", QuizEvent.QuestionAdded.class,
            "quiz.question-edited", QuizEvent.QuestionEdited.class,
            "quiz.question-removed", QuizEvent.QuestionRemoved.class,
            "quiz.questions-reordered", QuizEvent.QuestionsReordered.class,
            "quiz.published", QuizEvent.QuizPublished.class,
            "quiz.archived", QuizEvent.QuizArchived.class);

    private QuizEventCodec() {
    }

    public static String toJson(QuizEvent event) {
        return JSONB.toJson(event);
    }

    public static QuizEvent fromJson(String type, String json) {
        Class<? extends QuizEvent> cls = TYPES.get(type);
        if (cls == null) {
            throw new IllegalArgumentException("unknown quiz event type " + type);
        }
        return JSONB.fromJson(json, cls);
    }
}
