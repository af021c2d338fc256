package io.quizplatform.quiz.application.live;

import io.quizplatform.contracts.AnswerSubmitted;
import io.quizplatform.quiz.application.AnswersDecided;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.quizplatform.quiz.application.live.LiveRoom.ADA;
import static io.quizplatform.quiz.application.live.LiveRoom.GAME;
import static org.assertj.core.api.Assertions.assertThat;

class LiveResultsTest {

    private final LiveRoom room = new LiveRoom();

    @Test
    void theEarlyCloseIsHandedToTheExecutorNotRunOnTheFanOutsThread() {
        room.hello(room.connections.player(GAME, ADA));
        room.openFirstQuestion();
        room.pushes.changed(room.stored);
        AnswerSubmitted adas = LiveRoom.accepted(ADA);
        room.answers.accepted(adas);

        room.results.answersDecided(new AnswersDecided(GAME, List.of(adas), List.of(), List.of()));
        room.results.answersDecided(new AnswersDecided(GAME, List.of(adas), List.of(), List.of()));

        assertThat(room.closedEarly).isEmpty();
        assertThat(room.handedOff).hasSize(1);
        room.handedOff.get(0).run();
        assertThat(room.closedEarly).containsExactly(0);
    }
}
