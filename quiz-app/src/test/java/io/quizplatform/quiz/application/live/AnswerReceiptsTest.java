package io.quizplatform.quiz.application.live;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** "Locked in" never reaches a phone before "received" for the same answer. */
class AnswerReceiptsTest {

    final AnswerReceipts receipts = new AnswerReceipts();
    final List<String> phone = new CopyOnWriteArrayList<>();

    @Test
    void anAcceptanceThatOvertakesItsReceiptWaitsForIt() {
        CompletableFuture<Void> told = receipts.expect("game-1", "player-1", 0);

        receipts.afterReceipt("game-1", "player-1", 0, () -> phone.add("answer-accepted"));
        assertThat(phone).isEmpty();

        phone.add("answer-received");
        told.complete(null);

        assertThat(phone).containsExactly("answer-received", "answer-accepted");
        assertThat(receipts.pending()).isZero();
    }

    @Test
    void anAcceptanceAfterItsReceiptGoesAtOnce() {
        CompletableFuture<Void> told = receipts.expect("game-1", "player-1", 0);
        phone.add("answer-received");
        told.complete(null);

        receipts.afterReceipt("game-1", "player-1", 0, () -> phone.add("answer-accepted"));

        assertThat(phone).containsExactly("answer-received", "answer-accepted");
    }

    @Test
    void otherPlayersAndQuestionsDoNotWait() {
        receipts.expect("game-1", "player-1", 0);

        receipts.afterReceipt("game-1", "player-2", 0, () -> phone.add("player-2 accepted"));
        receipts.afterReceipt("game-1", "player-1", 1, () -> phone.add("player-1 question 1 accepted"));

        assertThat(phone).containsExactly("player-2 accepted", "player-1 question 1 accepted");
    }

    @Test
    void aSecondAnswerToTheSameQuestionKeepsItsOwnWait() {
        CompletableFuture<Void> first = receipts.expect("game-1", "player-1", 0);
        CompletableFuture<Void> second = receipts.expect("game-1", "player-1", 0);
        first.complete(null);

        receipts.afterReceipt("game-1", "player-1", 0, () -> phone.add("answer-accepted"));
        assertThat(phone).isEmpty();

        second.complete(null);
        assertThat(phone).containsExactly("answer-accepted");
    }
}
