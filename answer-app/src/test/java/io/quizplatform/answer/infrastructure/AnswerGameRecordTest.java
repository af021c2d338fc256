package io.quizplatform.answer.infrastructure;

import io.quizplatform.answer.domain.AnswerWindow;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a game stands for answers, as its events move it (redelivered and replayed ones included). */
class AnswerGameRecordTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    /** A row as the insert makes it: the columns' defaults (no question open, none closed). */
    private static AnswerGameRecord newGame() throws ReflectiveOperationException {
        AnswerGameRecord game = new AnswerGameRecord();
        for (String column : new String[]{"openQuestion", "lastClosed"}) {
            var field = AnswerGameRecord.class.getDeclaredField(column);
            field.setAccessible(true);
            field.setInt(game, -1);
        }
        return game;
    }

    @Test
    void questionsOpenAndCloseInTurnAndARedeliveredEventChangesNothing() throws Exception {
        AnswerGameRecord game = newGame();
        game.opened(0, T0, T0.plusSeconds(20));
        game.opened(0, T0, T0.plusSeconds(20));
        assertThat(game.window().openQuestion()).isZero();
        assertThat(game.closed(0)).as("the close is news: tallied").isTrue();
        assertThat(game.closed(0)).as("redelivered").isFalse();
        game.opened(1, T0.plusSeconds(30), T0.plusSeconds(50));
        assertThat(game.window()).isEqualTo(new AnswerWindow(1, T0.plusSeconds(30), T0.plusSeconds(50), 0, false));
    }

    /**
     * An opening parked and replayed by an operator after the game moved on: it must not take the open question's
     * place (every answer to that one would be refused and its close tally nothing).
     */
    @Test
    void anOpeningReplayedAfterTheGameMovedOnChangesNothing() throws Exception {
        AnswerGameRecord game = newGame();
        game.opened(0, T0, T0.plusSeconds(20));
        game.closed(0);
        game.opened(1, T0.plusSeconds(30), T0.plusSeconds(50));
        game.opened(0, T0, T0.plusSeconds(20));
        assertThat(game.window().openQuestion()).as("question 1 stays open").isEqualTo(1);
        assertThat(game.closed(1)).isTrue();

        game.opened(1, T0.plusSeconds(30), T0.plusSeconds(50));
        assertThat(game.window().openQuestion()).as("a closed question is not opened again").isEqualTo(-1);
        game.ended(T0.plusSeconds(60));
        game.opened(2, T0.plusSeconds(70), T0.plusSeconds(90));
        assertThat(game.window().openQuestion()).as("nothing opens after the end").isEqualTo(-1);
    }

    /**
     * The opening of a question parked in the dead-letter topic: its close still tallies it (nothing was accepted for
     * it), and the opening replayed afterwards does not open it again.
     */
    @Test
    void aCloseWhoseOpeningWasNeverAppliedIsNewsAndItsReplayedOpeningChangesNothing() throws Exception {
        AnswerGameRecord game = newGame();
        assertThat(game.closed(0)).as("tallied, with nothing accepted").isTrue();
        assertThat(game.window()).isEqualTo(new AnswerWindow(-1, null, null, 0, false));
        game.opened(0, T0, T0.plusSeconds(20));
        assertThat(game.window().openQuestion()).as("the replayed opening").isEqualTo(-1);
        assertThat(game.closed(0)).as("redelivered").isFalse();
    }

    /** A close parked and replayed after the next question opened: tallied, and the open question stays open. */
    @Test
    void aCloseReplayedAfterTheNextQuestionOpenedIsNewsAndLeavesThatQuestionOpen() throws Exception {
        AnswerGameRecord game = newGame();
        game.opened(0, T0, T0.plusSeconds(20));
        game.opened(1, T0.plusSeconds(30), T0.plusSeconds(50));
        assertThat(game.closed(0)).isTrue();
        assertThat(game.window()).isEqualTo(new AnswerWindow(1, T0.plusSeconds(30), T0.plusSeconds(50), 0, false));
        assertThat(game.closed(1)).isTrue();
        game.ended(T0.plusSeconds(60));
        assertThat(game.closed(2)).as("after the end").isFalse();
    }
}
