package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.api.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DeadLetterTopicsTest {

    @Test
    void oneDeadLetterTopicPerConsumedTopicMappedToItsSource() {
        DeadLetterTopics topics = DeadLetterTopics.of("answer-app", Set.of(Topic.QUIZ_EVENTS, Topic.USER_EVENTS));

        assertThat(topics.names()).containsExactly("quiz-events.answer-app.dlq", "user-events.answer-app.dlq");
        assertThat(topics.require("quiz-events.answer-app.dlq")).isEqualTo(Topic.QUIZ_EVENTS);
        assertThat(topics.sourceOf("quiz-events.scoring-app.dlq")).isEmpty();
        assertThat(topics.sourceOf(null)).isEmpty();
    }

    @Test
    void anUnknownTopicIsA404NamingTheKnownOnes() {
        DeadLetterTopics topics = DeadLetterTopics.of("scoring-app", List.of(Topic.ANSWER_EVENTS));

        ProblemException e = catchThrowableOfType(ProblemException.class, () -> topics.require("answer-events.quiz-app.dlq"));

        assertThat(e.toProblem().status()).isEqualTo(404);
        assertThat(e.getMessage()).contains("'answer-events.quiz-app.dlq' is not a dead-letter topic of scoring-app")
                .contains("answer-events.scoring-app.dlq");
    }

    @Test
    void aServiceThatConsumesNothingSaysSo() {
        DeadLetterTopics topics = DeadLetterTopics.of("user-app", Set.of());

        assertThat(topics.names()).isEmpty();
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> topics.require("user-events.user-app.dlq"));
        assertThat(e.toProblem().status()).isEqualTo(404);
        assertThat(e.getMessage()).contains("user-app consumes no topic");
    }
}
