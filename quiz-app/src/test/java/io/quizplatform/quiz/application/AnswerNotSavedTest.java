package io.quizplatform.quiz.application;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** "Answer not saved" is one line an operator can act on, not a stack trace per answer. */
class AnswerNotSavedTest {

    @Test
    void aBrokerTimeoutSaysWhichAnswerAndWhatToCheck() {
        AnswerIntake.NotSaved notSaved = new AnswerIntake.NotSaved("game-1", 2, "player-7",
                new CompletionException(new TimeoutException()));

        assertThat(notSaved.getMessage())
                .isEqualTo("answer of player player-7 to question 2 of game game-1 not saved, the player was asked to send"
                        + " it again: Kafka did not acknowledge it within 5 s; check the brokers (quiz-app.kafka in /health/ready)");
        assertThat(notSaved.getStackTrace()).isEmpty();
        assertThat(notSaved.getCause()).isNull();
        assertThat(notSaved.getMessage()).doesNotContain("\n");
    }

    @Test
    void aRefusalNamesItsInnermostCause() {
        AnswerIntake.NotSaved notSaved = new AnswerIntake.NotSaved("game-1", 0, "player-7",
                new ExecutionException(new IllegalStateException("send failed", new IllegalArgumentException("record too large"))));

        assertThat(notSaved.getMessage()).endsWith("Kafka refused it (IllegalArgumentException: record too large);"
                + " check the brokers (quiz-app.kafka in /health/ready)");
    }
}
