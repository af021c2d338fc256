package io.quizplatform.quiz.application.live;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the protocol's order for each answer: {@code answer-received} before {@code answer-accepted}. The receipt
 * is sent when the answer is durable (Kafka's or the outbox's acknowledgement), while
 * the acceptance comes back through answer-app and the fan-out; under load the second path can win. An acceptance
 * for an answer whose receipt is still on its way is sent right after that receipt instead.
 */
@ApplicationScoped
public class AnswerReceipts {

    private final Map<String, CompletableFuture<Void>> onTheirWay = new ConcurrentHashMap<>();

    /** An answer was taken in; its receipt (or its refusal) is to follow. Complete the result once it was sent. */
    CompletableFuture<Void> expect(String gameId, String playerId, int questionIndex) {
        String key = key(gameId, playerId, questionIndex);
        CompletableFuture<Void> sent = new CompletableFuture<>();
        onTheirWay.put(key, sent);
        sent.whenComplete((ok, error) -> onTheirWay.remove(key, sent));
        return sent;
    }

    /** Runs {@code send} now, or right after the receipt of that answer if it has not been sent yet. */
    void afterReceipt(String gameId, String playerId, int questionIndex, Runnable send) {
        CompletableFuture<Void> pending = onTheirWay.get(key(gameId, playerId, questionIndex));
        if (pending == null) {
            send.run();
        } else {
            pending.whenComplete((ok, error) -> send.run());
        }
    }

    /** Receipts on their way (for tests and diagnostics). */
    int pending() {
        return onTheirWay.size();
    }

    private static String key(String gameId, String playerId, int questionIndex) {
        return gameId + '/' + playerId + '/' + questionIndex;
    }
}
