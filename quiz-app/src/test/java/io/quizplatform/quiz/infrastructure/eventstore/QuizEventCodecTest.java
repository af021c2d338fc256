package io.quizplatform.quiz.infrastructure.eventstore;

import io.quizplatform.contracts.ContractValidator;
import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.platform.messaging.EventCodec;
import io.quizplatform.quiz.domain.quiz.Quiz;
import io.quizplatform.quiz.domain.quiz.QuizEvent;
import io.quizplatform.quiz.domain.quiz.QuizSettings;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.quizplatform.quiz.domain.quiz.QuizTest.multiple;
import static io.quizplatform.quiz.domain.quiz.QuizTest.poll;
import static io.quizplatform.quiz.domain.quiz.QuizTest.single;
import static io.quizplatform.quiz.domain.quiz.QuizTest.trueFalse;
import static io.quizplatform.quiz.domain.quiz.QuizTest.typeAnswer;
import static org.assertj.core.api.Assertions.assertThat;

/** Producer side of the quiz-events contract, and the event store's own round trip. */
class QuizEventCodecTest {

    private static List<QuizEvent> everyKindOfEvent() {
        Quiz quiz = Quiz.create(UUID.randomUUID().toString(), "owner", "Geography", "d", QuizSettings.DEFAULT);
        quiz.addQuestion(single("1"));
        quiz.addQuestion(multiple("2"));
        quiz.addQuestion(trueFalse("3"));
        quiz.addQuestion(typeAnswer("4"));
        quiz.addQuestion(poll("5"));
        quiz.editQuestion(single("1"));
        quiz.removeQuestion("5");
        quiz.reorderQuestions(List.of("4", "3", "2", "1"));
        quiz.changeDetails("Geo", "", new QuizSettings(false, false));
        quiz.publish();
        quiz.archive();
        return quiz.pendingEvents();
    }

    @Test
    void everyEventSurvivesTheRoundTripAndHonoursItsSchema() {
        List<QuizEvent> events = everyKindOfEvent();
        long version = 0;
        for (QuizEvent event : events) {
            String json = QuizEventCodec.toJson(event);
            assertThat(QuizEventCodec.fromJson(event.type(), json)).isEqualTo(event);

            String wire = EventCodec.encode(new EventEnvelope(UUID.randomUUID().toString(), event.type(), "quiz",
                    UUID.randomUUID().toString(), ++version, Instant.now(), json));
            assertThat(ContractValidator.violations(wire)).as(event.type() + ": " + json).isEmpty();
        }
        assertThat(events.stream().map(QuizEvent::type).distinct()).hasSize(8);
    }

    @Test
    void snapshotsSurviveTheirJsonRoundTrip() {
        Quiz quiz = Quiz.fromHistory(everyKindOfEvent().subList(0, 6));
        jakarta.json.bind.Jsonb jsonb = jakarta.json.bind.JsonbBuilder.create();
        Quiz.Snapshot snapshot = quiz.snapshot();
        assertThat(jsonb.fromJson(jsonb.toJson(snapshot), Quiz.Snapshot.class)).isEqualTo(snapshot);
    }

    @Test
    void replayOfDecodedEventsRebuildsTheQuiz() {
        List<QuizEvent> events = everyKindOfEvent();
        List<QuizEvent> decoded = events.stream().map(e -> QuizEventCodec.fromJson(e.type(), QuizEventCodec.toJson(e))).toList();
        Quiz original = Quiz.fromHistory(events);
        Quiz replayed = Quiz.fromHistory(decoded);
        assertThat(replayed.questions()).isEqualTo(original.questions());
        assertThat(replayed.status()).isEqualTo(original.status());
        assertThat(replayed.version()).isEqualTo(12);
    }
}
