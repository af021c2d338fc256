package io.quizplatform.quiz.application;

import io.quizplatform.contracts.AnswerReceived;
import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.platform.messaging.AcknowledgedPublisher;
import io.quizplatform.platform.messaging.EventCodec;
import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.domain.game.GameRuleViolation;
import io.quizplatform.quiz.domain.game.SafekeptAnswers;
import io.quizplatform.platform.tracing.Tracing;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Takes a player's answer where it arrives: stamps it with this server's clock, refuses at once what is plainly
 * refused (question not open, time up, wrong shape, answered already), and puts the rest on quiz-events in the
 * game's partition, behind the game's own events, for answer-app to decide. The player is told "received" only
 * once the answer is durable, so an instance dying afterwards loses nothing: normally once the broker has it; if the
 * broker does not take it within {@link #KAFKA_WAIT} (an outage), once it is committed in quiz-app's outbox, which
 * sends it when the broker is back. Only when both fail is the player told to send it again: the database's write
 * failing, the direct send is waited for to its end (the producer retries it for up to delivery.timeout.ms). answer-app's decision
 * follows as {@code answer-accepted} or {@code answer-refused} (docs/PROTOCOL.md). The answer carries when this
 * instance first showed the question to the player ({@link ShownQuestions}), by either way, for a fair response time.
 */
@ApplicationScoped
public class AnswerIntake {

    static final Duration KAFKA_WAIT = Duration.ofMillis(1500);
    /** The longest a direct send is waited for when the outbox could not take the answer either. */
    static final Duration DIRECT_SEND_LIMIT = Duration.ofSeconds(20);
    /** After the broker failed to take an answer, the next ones go to the outbox at once for this long. */
    static final Duration KAFKA_AWAY_FOR = Duration.ofSeconds(3);
    private static final RuntimeException OUTBOX_FIRST = new RuntimeException("through the outbox", null, false, false) { };
    private volatile long kafkaAwaySince = System.nanoTime() - KAFKA_AWAY_FOR.toNanos() - 1;
    /**
     * Per game, the answers received here and not yet durable (neither acknowledged by the broker nor committed), by
     * answer id. Their order does not matter: each player has at most one answer to a question on its way.
     */
    private final Map<String, Map<String, EventEnvelope>> onTheirWay = new ConcurrentHashMap<>();
    /** By answer id: the commit of the close (or closes) that wrote the answer ahead of itself, while on its way. */
    private final Map<String, CompletableFuture<Boolean>> copiedAhead = new ConcurrentHashMap<>();

    @Inject
    AcknowledgedPublisher publisher;

    @Inject
    Tracing tracing;

    @Inject
    SafekeptAnswers safekeeping;

    @Inject
    GameEventsInLog inLog;

    @Resource
    ManagedExecutorService executor;

    @Inject
    MetricRegistry metrics;

    @Inject
    LiveAnswers answers;

    @Inject
    ShownQuestions shown;

    /**
     * A received answer, as the player is told; {@code responseMs} runs from when the question was shown to the player
     * here (or from its opening), before answer-app's bound on that.
     */
    public record Receipt(String answerId, int questionIndex, Instant receivedAt, long responseMs) {
    }

    /**
     * An answer taken in: its receipt at once (so the caller can word the reply while the broker takes the answer), and
     * {@code saved}, which completes when the answer is durable or fails with {@link NotSaved}.
     */
    public record Received(Receipt receipt, CompletableFuture<Void> saved) {
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
            Throwable innermost = error;
            while (innermost.getCause() != null && innermost.getCause() != innermost) {
                innermost = innermost.getCause();
            }
            return "neither Kafka nor quiz_db's outbox took it (" + innermost.getClass().getSimpleName() + ": "
                    + innermost.getMessage() + "); check quiz-app.kafka and quiz-app.database in /health/ready";
        }
    }

    /**
     * Checks and forwards an answer. Refusals are thrown at once; {@link Received#saved} completes when the broker has
     * the answer, or fails with {@link NotSaved}. {@code receivedAt}: when its message arrived, which ends the player's
     * response time (what the server does before it gets here is not the player's time).
     */
    public Received receive(Game game, String playerId, int questionIndex, List<String> optionIds, String text,
                            Instant receivedAt) {
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
        try {
            return forward(game, playerId, questionIndex, chosen, typed, receivedAt);
        } catch (RuntimeException e) {
            // Not handed on: the player is told to send it again (answer-not-saved), which must not be refused as
            // answered already.
            answers.refused(game.id(), questionIndex, playerId);
            throw e;
        }
    }

    private Received forward(Game game, String playerId, int questionIndex, List<String> chosen, String typed,
                             Instant receivedAt) {
        String answerId = UUID.randomUUID().toString();
        Instant shownAt = shown.shownAt(game.id(), questionIndex, playerId).orElse(null);
        AnswerReceived payload = new AnswerReceived(answerId, game.id(), playerId, questionIndex, chosen, typed, receivedAt,
                shownAt);
        EventEnvelope event = new EventEnvelope(answerId, EventTypes.GAME_ANSWER_RECEIVED, "answer", game.id(), 1,
                receivedAt, EventCodec.payloadToJson(payload));
        Instant start = shownAt != null && shownAt.isAfter(game.openedAt()) ? shownAt : game.openedAt();
        long responseMs = Math.max(0, Duration.between(start, receivedAt).toMillis());
        Receipt receipt = new Receipt(answerId, questionIndex, receivedAt, responseMs);
        // Through the outbox rather than straight to Kafka: while the game's events this answer depends on (its
        // opening, the player's join) are not known to be in quiz-events (the answer must not overtake them), and
        // while the broker was just found away (rather than each answer waiting for it).
        String viaOutbox = !inLog.holds(game.id(), game.versionAnAnswerDependsOn(playerId)) ? "game-events-in-flight"
                : System.nanoTime() - kafkaAwaySince < KAFKA_AWAY_FOR.toNanos() ? "kafka-away" : null;
        // On its way from before it is sent: a close recorded from now on can write it ahead of itself.
        onItsWay(event);
        // Completed by hand, not by a dependent stage: a dependent stage would wrap NotSaved in a CompletionException
        // whose stack trace is what the caller would log.
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        outcome.whenComplete((ok, error) -> arrived(event));
        CompletableFuture<Void> sent;
        // The broker's own answer to the direct send, which it may still give after the wait (the producer retries
        // for up to delivery.timeout.ms): the wait is on a copy, since orTimeout would complete this one.
        CompletableFuture<Void> direct = null;
        try {
            if (viaOutbox != null) {
                sent = CompletableFuture.failedFuture(OUTBOX_FIRST);
            } else {
                direct = publisher.publishAsync(event);
                sent = direct.copy().orTimeout(KAFKA_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> sentDirectly = direct;
        Executor safekeepers = tracing.carrying(executor); // the safekept event continues the answer's trace
        sent.whenComplete((ok, error) -> {
            if (error == null) {
                // On the producer's thread, at once: under the burst every hop onto the shared pool queued behind
                // the broadcasts and the consumers for 0.4 s (p50) to 1.2 s (p95).
                outcome.complete(null);
                return;
            }
            if (error != OUTBOX_FIRST) {
                kafkaAwaySince = System.nanoTime();
            }
            try {
                safekeepers.execute(() -> keep(event, questionIndex, playerId, viaOutbox, sentDirectly, outcome));
            } catch (RejectedExecutionException stopping) {
                answers.refused(game.id(), questionIndex, playerId);
                outcome.completeExceptionally(new NotSaved(game.id(), questionIndex, playerId, stopping));
            }
        });
        return new Received(receipt, outcome);
    }

    /**
     * Writes the game's answers still on their way (received here, neither acknowledged by the broker nor committed
     * yet) into the caller's transaction, ahead of the close or end it is about to record. An answer stamped before
     * the close but held up (an outage, which nothing may have shown yet: the broker is given {@link #KAFKA_WAIT},
     * then the answer is committed to the outbox) would otherwise reach the game's partition behind the close and be
     * refused as too late. With the broker well these are the few answers of the last moments: copies, of which
     * whichever arrives first is applied (the same event id) and the others change nothing. Answers on their way on
     * other instances are not seen here (docs/ARCHITECTURE.md).
     */
    public void keepAheadOfClose(String gameId) {
        CompletableFuture<Boolean> committed = new CompletableFuture<>();
        List<EventEnvelope> ahead = new ArrayList<>();
        // Taken and marked copied in one step on the game's entry: an answer being declared not saved meanwhile is
        // either taken off first (not copied) or finds the mark and waits for this close's commit.
        onTheirWay.computeIfPresent(gameId, (game, answers) -> {
            ahead.addAll(answers.values());
            ahead.forEach(answer -> copiedAhead.merge(answer.id(), committed, AnswerIntake::eitherCommitted));
            return answers;
        });
        if (ahead.isEmpty()) {
            return;
        }
        try {
            safekeeping.keepAhead(ahead).whenComplete((ok, error) -> committed.complete(error == null && ok));
        } catch (RuntimeException | Error e) {
            committed.complete(false);
            throw e;
        }
    }

    /** Saved as soon as one of two closes that copied an answer committed; not, once neither did. */
    private static CompletableFuture<Boolean> eitherCommitted(CompletableFuture<Boolean> one, CompletableFuture<Boolean> other) {
        CompletableFuture<Boolean> either = new CompletableFuture<>();
        java.util.function.Consumer<Boolean> ifCommitted = committed -> {
            if (committed) {
                either.complete(true);
            }
        };
        one.thenAccept(ifCommitted);
        other.thenAccept(ifCommitted);
        one.thenCombine(other, Boolean::logicalOr).thenAccept(either::complete);
        return either;
    }

    private void onItsWay(EventEnvelope answer) {
        onTheirWay.compute(answer.aggregateId(), (game, answers) -> {
            Map<String, EventEnvelope> kept = answers != null ? answers : new ConcurrentHashMap<>();
            kept.put(answer.id(), answer);
            return kept;
        });
    }

    private void arrived(EventEnvelope answer) {
        offItsWay(answer);
        copiedAhead.remove(answer.id());
    }

    private void offItsWay(EventEnvelope answer) {
        onTheirWay.computeIfPresent(answer.aggregateId(), (game, answers) -> {
            answers.remove(answer.id());
            return answers.isEmpty() ? null : answers;
        });
    }

    /**
     * The broker did not take the answer (or must not yet): commits it to the outbox instead (a database write). When
     * that fails too, the answer is not saved only once the direct send has failed as well: the broker may still take
     * it (Kafka and the database away together, Kafka back first), and then it is decided and counts, so the player
     * must not have been told to answer again.
     */
    private void keep(EventEnvelope event, int questionIndex, String playerId, String viaOutbox,
                      CompletableFuture<Void> sentDirectly, CompletableFuture<Void> outcome) {
        try {
            safekeeping.keep(event);
            metrics.counter("quiz.answers.through.outbox", new Tag("reason", viaOutbox != null ? viaOutbox : "kafka-away")).inc();
            outcome.complete(null);
        } catch (RuntimeException e) {
            if (sentDirectly == null) {
                notSavedUnlessCopied(event, questionIndex, playerId, e, outcome);
                return;
            }
            // Bounded: the producer gives up by delivery.timeout.ms (15 s) after max.block.ms (3 s); the player waits.
            sentDirectly.copy().orTimeout(DIRECT_SEND_LIMIT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ok, error) -> {
                if (error == null) {
                    outcome.complete(null);
                } else {
                    notSavedUnlessCopied(event, questionIndex, playerId, e, outcome);
                }
            });
        }
    }

    /**
     * Neither the broker nor the answer's own outbox write took it. A close that wrote it ahead of itself still saves
     * it once that close commits: then it is decided and counts, and the player must not be told to answer again.
     */
    private void notSavedUnlessCopied(EventEnvelope event, int questionIndex, String playerId, RuntimeException why,
                                      CompletableFuture<Void> outcome) {
        offItsWay(event); // first: no close from now on copies it (see keepAheadOfClose)
        CompletableFuture<Boolean> copied = copiedAhead.remove(event.id());
        if (copied == null) {
            notSaved(event.aggregateId(), questionIndex, playerId, why, outcome);
            return;
        }
        // Bounded: a close hanging on the database it could not reach either is not waited for longer than a send.
        copied.copy().orTimeout(DIRECT_SEND_LIMIT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((committed, error) -> {
            if (Boolean.TRUE.equals(committed)) {
                outcome.complete(null);
            } else {
                notSaved(event.aggregateId(), questionIndex, playerId, why, outcome);
            }
        });
    }

    private void notSaved(String gameId, int questionIndex, String playerId, RuntimeException why,
                          CompletableFuture<Void> outcome) {
        try {
            answers.refused(gameId, questionIndex, playerId);
        } finally {
            outcome.completeExceptionally(new NotSaved(gameId, questionIndex, playerId, why));
        }
    }
}
