package io.quizplatform.quiz.application.live;

import io.quizplatform.contracts.AnswerRejected;
import io.quizplatform.contracts.AnswerSubmitted;
import io.quizplatform.quiz.application.AnswersDecided;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

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

    @Test
    void aRefusalThatOvertakesItsAnswersReceiptWaitsForIt() {
        FakeConnections.Phone ada = room.hello(room.connections.player(GAME, ADA));
        CompletableFuture<Void> receipt = room.results.receipts.expect(GAME, ADA, 0);
        AnswerRejected tooLate = new AnswerRejected(UUID.randomUUID().toString(), GAME, ADA, 0, "question-closed",
                "The question had closed.", LiveRoom.T0);
        int before = ada.sent.size();

        room.results.answersDecided(new AnswersDecided(GAME, List.of(), List.of(tooLate), List.of()));
        assertThat(ada.sent).as("nothing before the receipt").hasSize(before);

        ada.send("{\"type\":\"answer-received\"}");
        receipt.complete(null);
        assertThat(ada.sent.subList(before, ada.sent.size())).hasSize(2);
        assertThat(ada.sent.get(before + 1)).contains("\"type\":\"answer-refused\"").contains("question-closed");
    }
}
