package io.quizplatform.quiz.application;

import io.quizplatform.contracts.AnswerReceived;
import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.platform.messaging.AcknowledgedPublisher;
import io.quizplatform.platform.messaging.EventCodec;
import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.domain.game.GameRuleViolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Takes a player's answer where it arrives: stamps it with this server's clock, refuses at once what is plainly
 * refused (question not open, time up, wrong shape, answered already), and puts the rest on quiz-events in the
 * game's partition, behind the game's own events, for answer-app to decide. The player is told "locked in" only
 * once the broker has the answer, so an instance dying afterwards loses nothing.
 */
@ApplicationScoped
public class AnswerIntake {

    static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(5);

    @Inject
    AcknowledgedPublisher publisher;

    @Inject
    LiveAnswers answers;

    /** A received answer, as the player is told. */
    public record Receipt(String answerId, int questionIndex, Instant receivedAt, long responseMs) {
    }

    /** Refused here, before answer-app; {@code code} is one of answer.rejected's reasons. */
    public static final class Refused extends RuntimeException {
        private final String code;

        public Refused(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() { return code; }
    }

    /**
     * The broker could not take the answer: nothing was recorded, the player may send it again. Its message is the one
     * line an operator needs (which answer, why, what to look at); it carries no stack trace and no cause, because
     * the trace of a broker timeout says nothing an operator can act on and would be logged for every answer.
     */
    public static final class NotSaved extends RuntimeException {
        NotSaved(String gameId, int questionIndex, String playerId, Throwable error) {
            super("answer of player " + playerId + " to question " + questionIndex + " of game " + gameId
                    + " not saved, the player was asked to send it again: " + why(error), null, false, false);
        }

        private static String why(Throwable error) {
            Throwable root = error;
            while ((root instanceof java.util.concurrent.CompletionException
                    || root instanceof java.util.concurrent.ExecutionException) && root.getCause() != null) {
                root = root.getCause();
            }
            if (root instanceof java.util.concurrent.TimeoutException) {
                return "Kafka did not acknowledge it within " + PUBLISH_TIMEOUT.toSeconds()
                        + " s; check the brokers (quiz-app.kafka in /health/ready)";
            }
            Throwable innermost = root;
            while (innermost.getCause() != null && innermost.getCause() != innermost) {
                innermost = innermost.getCause();
            }
            return "Kafka refused it (" + innermost.getClass().getSimpleName() + ": " + innermost.getMessage()
                    + "); check the brokers (quiz-app.kafka in /health/ready)";
        }
    }

    /**
     * Checks and forwards an answer. Refusals are thrown at once; the receipt completes when the broker has the
     * answer, or fails with {@link NotSaved}.
     */
    public CompletableFuture<Receipt> receive(Game game, String playerId, int questionIndex, List<String> optionIds, String text) {
        Instant receivedAt = Instant.now();
        try {
            game.checkAnswer(playerId, questionIndex, optionIds, text, receivedAt);
        } catch (GameRuleViolation e) {
            throw new Refused(e.code(), e.getMessage());
        }
        List<String> chosen = optionIds == null ? List.of() : List.copyOf(optionIds);
        String typed = text == null ? null : text.strip();
        if (!answers.received(game.id(), questionIndex, playerId, chosen, typed)) {
            throw new Refused("already-answered", "You have already answered this question.");
        }
        String answerId = UUID.randomUUID().toString();
        AnswerReceived payload = new AnswerReceived(answerId, game.id(), playerId, questionIndex, chosen, typed, receivedAt);
        EventEnvelope event = new EventEnvelope(answerId, EventTypes.GAME_ANSWER_RECEIVED, "answer", game.id(), 1,
                receivedAt, EventCodec.payloadToJson(payload));
        long responseMs = Math.max(0, Duration.between(game.openedAt(), receivedAt).toMillis());
        Receipt receipt = new Receipt(answerId, questionIndex, receivedAt, responseMs);
        // Completed by hand, not by a dependent stage: a dependent stage would wrap NotSaved in a CompletionException
        // whose stack trace is what the caller would log.
        CompletableFuture<Receipt> outcome = new CompletableFuture<>();
        publisher.publishAsync(event)
                .orTimeout(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, error) -> {
                    if (error == null) {
                        outcome.complete(receipt);
                    } else {
                        try {
                            answers.refused(game.id(), questionIndex, playerId);
                        } finally {
                            outcome.completeExceptionally(new NotSaved(game.id(), questionIndex, playerId, error));
                        }
                    }
                });
        return outcome;
    }
}
