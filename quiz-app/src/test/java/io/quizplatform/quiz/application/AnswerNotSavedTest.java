package io.quizplatform.quiz.application;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** "Answer not saved" is one line an operator can act on, not a stack trace per answer. */
class AnswerNotSavedTest {

    @Test
    void saysWhichAnswerWhyAndWhatToCheck() {
        AnswerIntake.NotSaved notSaved = new AnswerIntake.NotSaved("game-1", 2, "player-7",
                new CompletionException(new IllegalStateException("outbox write failed",
                        new java.sql.SQLTransientConnectionException("Connection refused"))));

        assertThat(notSaved.getMessage())
                .isEqualTo("answer of player player-7 to question 2 of game game-1 not saved, the player was asked to send"
                        + " it again: neither Kafka nor quiz_db's outbox took it (SQLTransientConnectionException: Connection"
                        + " refused); check quiz-app.kafka and quiz-app.database in /health/ready");
        assertThat(notSaved.getStackTrace()).isEmpty();
        assertThat(notSaved.getCause()).isNull();
        assertThat(notSaved.getMessage()).doesNotContain("\n");
    }
}
