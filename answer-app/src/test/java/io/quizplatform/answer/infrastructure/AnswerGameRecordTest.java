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
        assertThat(game.opened(0, T0, T0.plusSeconds(20))).isEmpty();
        assertThat(game.opened(0, T0, T0.plusSeconds(20))).as("redelivered").isEmpty();
        assertThat(game.window().openQuestion()).isZero();
        assertThat(game.closed(0)).containsExactly(0);
        assertThat(game.closed(0)).as("redelivered: the same question again (question_tallies says it is no news)")
                .containsExactly(0);
        assertThat(game.window()).isEqualTo(new AnswerWindow(-1, T0, T0.plusSeconds(20), 0, false));
        assertThat(game.opened(1, T0.plusSeconds(30), T0.plusSeconds(50))).isEmpty();
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
        assertThat(game.opened(0, T0, T0.plusSeconds(20))).isEmpty();
        assertThat(game.window().openQuestion()).as("question 1 stays open").isEqualTo(1);
        assertThat(game.closed(1)).containsExactly(1);

        game.opened(1, T0.plusSeconds(30), T0.plusSeconds(50));
        assertThat(game.window().openQuestion()).as("a closed question is not opened again").isEqualTo(-1);
        game.ended(T0.plusSeconds(60));
        game.opened(2, T0.plusSeconds(70), T0.plusSeconds(90));
        assertThat(game.window().openQuestion()).as("nothing opens after the end").isEqualTo(-1);
    }

    /**
     * The opening of a question parked in the dead-letter topic: its close still ends it (tallied, with nothing
     * accepted), and the opening replayed afterwards does not open it again.
     */
    @Test
    void aCloseWhoseOpeningWasNeverAppliedEndsItsQuestionAndItsReplayedOpeningChangesNothing() throws Exception {
        AnswerGameRecord game = newGame();
        assertThat(game.closed(0)).containsExactly(0);
        assertThat(game.window()).isEqualTo(new AnswerWindow(-1, null, null, 0, false));
        assertThat(game.opened(0, T0, T0.plusSeconds(20))).isEmpty();
        assertThat(game.window().openQuestion()).as("the replayed opening").isEqualTo(-1);
    }

    /**
     * A close parked: the next opening ends its question (its answers are final: tallied then), and the close
     * replayed later, after the next question's close or after the end, ends the same question again (no news).
     */
    @Test
    void aQuestionWhoseCloseWasParkedIsEndedByTheNextOpening() throws Exception {
        AnswerGameRecord game = newGame();
        game.opened(0, T0, T0.plusSeconds(20));
        assertThat(game.opened(1, T0.plusSeconds(30), T0.plusSeconds(50))).containsExactly(0);
        assertThat(game.window()).isEqualTo(new AnswerWindow(1, T0.plusSeconds(30), T0.plusSeconds(50), 0, false));
        assertThat(game.closed(0)).as("replayed while question 1 is open: it stays open").containsExactly(0);
        assertThat(game.window().openQuestion()).isEqualTo(1);
        assertThat(game.closed(1)).containsExactly(1);
        game.ended(T0.plusSeconds(60));
        assertThat(game.closed(0)).as("replayed after the end").containsExactly(0);
        assertThat(game.window()).isEqualTo(new AnswerWindow(-1, T0.plusSeconds(30), T0.plusSeconds(50), 1, true));
    }

    /** The close of a question and the opening of the next both parked: the next close ends both. */
    @Test
    void aCloseEndsAnEarlierQuestionStillOpen() throws Exception {
        AnswerGameRecord game = newGame();
        game.opened(0, T0, T0.plusSeconds(20));
        assertThat(game.closed(1)).containsExactly(0, 1);
        assertThat(game.window()).isEqualTo(new AnswerWindow(-1, T0, T0.plusSeconds(20), 1, false));
    }

    /** A question whose opening and close were both parked: the next opening, or a later close, ends it too. */
    @Test
    void aQuestionNeverSeenHereIsEndedByTheNextEventPastIt() throws Exception {
        AnswerGameRecord game = newGame();
        game.opened(0, T0, T0.plusSeconds(20));
        game.closed(0);
        assertThat(game.opened(2, T0.plusSeconds(60), T0.plusSeconds(80))).as("question 1 passed").containsExactly(1);
        assertThat(game.window()).isEqualTo(new AnswerWindow(2, T0.plusSeconds(60), T0.plusSeconds(80), 1, false));
        assertThat(game.closed(4)).as("question 2 left open, question 3 never seen").containsExactly(2, 3, 4);
        assertThat(game.closed(1_000_000)).as("no game has such a gap").containsExactly(1_000_000);
    }
}
