package io.quizplatform.quiz.application;

import io.quizplatform.contracts.AnswerReceived;
import io.quizplatform.contracts.ContractValidator;
import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.platform.messaging.AcknowledgedPublisher;
import io.quizplatform.platform.messaging.EventCodec;
import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.domain.game.GamePin;
import io.quizplatform.quiz.domain.game.GameQuestion;
import io.quizplatform.quiz.domain.quiz.AnswerOption;
import io.quizplatform.quiz.domain.quiz.QuestionType;
import io.quizplatform.quiz.domain.game.SafekeptAnswers;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answer carries when this instance first showed the question to the player, whichever way it travels: straight
 * to Kafka, or through the outbox (the game events it depends on not yet in the log, or the broker away); and a
 * close takes the answers still on their way ahead of itself.
 */
class AnswerIntakeShownAtTest {

    private static final String PLAYER = UUID.randomUUID().toString();

    private final List<EventEnvelope> toKafka = new ArrayList<>();
    private final List<EventEnvelope> toOutbox = new ArrayList<>();
    private final List<EventEnvelope> aheadOfClose = new ArrayList<>();
    private boolean kafkaAway;
    private boolean databaseAway;
    /** The end of the transaction of the close that writes answers ahead of itself: committed unless told otherwise. */
    private CompletableFuture<Boolean> closeCommitted = CompletableFuture.completedFuture(true);
    /** When set, the broker's reply to every send (not given yet: the answers stay on their way). */
    private CompletableFuture<Void> brokerReply;
    private final AnswerIntake intake = new AnswerIntake();
    private Game game;

    @BeforeEach
    void openQuestion() {
        Instant now = Instant.now();
        game = Game.create(UUID.randomUUID().toString(), "quiz", "host", new GamePin("123456"), List.of(
                new GameQuestion("q", QuestionType.SINGLE_CHOICE, "2 + 2?", null, 20, 1000,
                        List.of(new AnswerOption("a", "4", true), new AnswerOption("b", "5", false)), List.of())),
                true, true, true, 100, now.minusSeconds(30)); // late joins allowed
        game.join(PLAYER, "Ada", now.minusSeconds(30));
        game.start(now.minusSeconds(10));
        assertThat(game.openIfDue(now.minusSeconds(5))).isTrue();

        intake.publisher = new AcknowledgedPublisher() {
            @Override
            public CompletableFuture<Void> publishAsync(EventEnvelope event) {
                toKafka.add(event);
                if (brokerReply != null) {
                    return brokerReply;
                }
                return kafkaAway ? CompletableFuture.failedFuture(new IllegalStateException("broker away"))
                        : CompletableFuture.completedFuture(null);
            }
        };
        intake.safekeeping = new SafekeptAnswers() {
            @Override
            public void keep(EventEnvelope answer) {
                if (databaseAway) {
                    throw new IllegalStateException("database away");
                }
                toOutbox.add(answer);
            }

            @Override
            public CompletionStage<Boolean> keepAhead(List<EventEnvelope> answers) {
                aheadOfClose.addAll(answers);
                return closeCommitted;
            }
        };
        intake.inLog = new GameEventsInLog();
        intake.answers = new LiveAnswers();
        intake.shown = new ShownQuestions();
        intake.executor = inline(ManagedExecutorService.class);
        intake.tracing = io.quizplatform.platform.tracing.Tracing.off();
        intake.metrics = inline(MetricRegistry.class);
    }

    @Test
    void straightToKafka() {
        intake.inLog.logged(game.id(), game.version());
        Instant shownAt = game.openedAt().plusMillis(1500);
        intake.shown.shown(game.id(), 0, PLAYER, shownAt);

        AnswerIntake.Received received = intake.receive(game, PLAYER, 0, List.of("a"), null, Instant.now());
        received.saved().join();
        AnswerIntake.Receipt receipt = received.receipt();

        assertThat(toOutbox).isEmpty();
        assertThat(shownAt(toKafka.get(0))).isEqualTo(shownAt);
        assertThat(receipt.responseMs()).as("the receipt counts from it too")
                .isEqualTo(Duration.between(shownAt, receipt.receivedAt()).toMillis());
    }

    @Test
    void theTimeEndsWhenTheAnswerArrivedNotWhenItWasHandled() {
        intake.inLog.logged(game.id(), game.version());
        Instant shownAt = game.openedAt().plusMillis(400);
        intake.shown.shown(game.id(), 0, PLAYER, shownAt);
        Instant arrived = shownAt.plusMillis(300);

        AnswerIntake.Received received = intake.receive(game, PLAYER, 0, List.of("a"), null, arrived);
        received.saved().join();

        assertThat(received.receipt().responseMs()).isEqualTo(300);
        assertThat(received.receipt().receivedAt()).isEqualTo(arrived);
        assertThat(EventCodec.payloadFromJson(toKafka.get(0), AnswerReceived.class).receivedAt()).isEqualTo(arrived);
    }

    @Test
    void throughTheOutboxWhileTheOpeningIsInFlight() {
        Instant shownAt = game.openedAt().plusMillis(700);
        intake.shown.shown(game.id(), 0, PLAYER, shownAt);

        intake.receive(game, PLAYER, 0, List.of("a"), null, Instant.now()).saved().join();

        assertThat(toKafka).isEmpty();
        assertThat(shownAt(toOutbox.get(0))).isEqualTo(shownAt);
    }

    @Test
    void aLateJoinersAnswerGoesBehindItsJoinUntilTheJoinIsInTheLog() {
        intake.inLog.logged(game.id(), game.version()); // the opening is in the log
        String grace = UUID.randomUUID().toString();
        game.join(grace, "Grace", Instant.now());

        intake.receive(game, PLAYER, 0, List.of("a"), null, Instant.now()).saved().join();
        assertThat(toKafka).as("another player's join changes nothing for this answer").hasSize(1);
        intake.receive(game, grace, 0, List.of("a"), null, Instant.now()).saved().join();
        assertThat(toOutbox).as("Grace's join still waits in the relay: a direct send could overtake it").hasSize(1);

        String alan = UUID.randomUUID().toString();
        game.join(alan, "Alan", Instant.now());
        intake.inLog.logged(game.id(), game.version());
        intake.receive(game, alan, 0, List.of("a"), null, Instant.now()).saved().join();
        assertThat(toKafka).as("Alan's join is in the log").hasSize(2);
        assertThat(toOutbox).hasSize(1);
    }

    @Test
    void aCloseTakesTheAnswersStillOnTheirWayAheadOfItself() {
        intake.inLog.logged(game.id(), game.version());
        List<Runnable> safekeepingLater = new ArrayList<>();
        intake.executor = (ManagedExecutorService) Proxy.newProxyInstance(ManagedExecutorService.class.getClassLoader(),
                new Class<?>[]{ManagedExecutorService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("execute")) {
                        safekeepingLater.add((Runnable) args[0]);
                    }
                    return null;
                });
        brokerReply = new CompletableFuture<>();
        AnswerIntake.Received received = intake.receive(game, PLAYER, 0, List.of("a"), null, Instant.now());

        intake.keepAheadOfClose(game.id());
        assertThat(aheadOfClose).as("not acknowledged yet: it may never be").singleElement()
                .satisfies(e -> assertThat(e.id()).isEqualTo(toKafka.get(0).id()));

        brokerReply.completeExceptionally(new java.util.concurrent.TimeoutException("broker away"));
        intake.keepAheadOfClose(game.id());
        assertThat(aheadOfClose).as("the broker did not take it; its own safekeeping is still to come").hasSize(2)
                .allSatisfy(e -> assertThat(e.id()).isEqualTo(toKafka.get(0).id()));

        safekeepingLater.forEach(Runnable::run);
        assertThat(received.saved()).isCompleted();
        assertThat(toOutbox).singleElement().satisfies(e -> assertThat(e.id()).isEqualTo(toKafka.get(0).id()));
        intake.keepAheadOfClose(game.id());
        assertThat(aheadOfClose).as("durable now: a later close leaves it").hasSize(2);
    }

    /**
     * Neither the broker nor the answer's own outbox write took it, but a close wrote it ahead of itself: saved once
     * that close commits (it is decided and counts), never "not saved"; not saved when the close rolled back.
     */
    @Test
    void anAnswerACloseWroteAheadOfItselfIsSavedWhenItsOwnWritesFail() {
        intake.inLog.logged(game.id(), game.version());
        brokerReply = new CompletableFuture<>();
        closeCommitted = new CompletableFuture<>();
        AnswerIntake.Received received = intake.receive(game, PLAYER, 0, List.of("a"), null, Instant.now());
        intake.keepAheadOfClose(game.id());
        assertThat(aheadOfClose).hasSize(1);

        databaseAway = true;
        brokerReply.completeExceptionally(new java.util.concurrent.TimeoutException("broker away"));
        assertThat(received.saved()).as("waits for the close's commit").isNotDone();
        closeCommitted.complete(true);

        assertThat(received.saved()).isCompletedWithValue(null);
        assertThat(intake.answers.choice(game.id(), 0, PLAYER)).as("still answered").isPresent();
        intake.keepAheadOfClose(game.id());
        assertThat(aheadOfClose).as("no longer on its way").hasSize(1);
    }

    /** Copied by two closes (a close, then the end): saved once one committed, whatever became of the other. */
    @Test
    void anAnswerTwoClosesCopiedIsSavedOnceEitherCommitted() {
        intake.inLog.logged(game.id(), game.version());
        brokerReply = new CompletableFuture<>();
        CompletableFuture<Boolean> first = new CompletableFuture<>();
        CompletableFuture<Boolean> second = new CompletableFuture<>();
        AnswerIntake.Received received = intake.receive(game, PLAYER, 0, List.of("a"), null, Instant.now());
        closeCommitted = first;
        intake.keepAheadOfClose(game.id());
        closeCommitted = second;
        intake.keepAheadOfClose(game.id());

        databaseAway = true;
        brokerReply.completeExceptionally(new java.util.concurrent.TimeoutException("broker away"));
        second.complete(false);
        assertThat(received.saved()).as("the first close has not ended yet").isNotDone();
        first.complete(true);

        assertThat(received.saved()).isCompletedWithValue(null);
    }

    @Test
    void anAnswerWhoseCloseRolledBackIsNotSavedWhenItsOwnWritesFail() {
        intake.inLog.logged(game.id(), game.version());
        brokerReply = new CompletableFuture<>();
        closeCommitted = new CompletableFuture<>();
        AnswerIntake.Received received = intake.receive(game, PLAYER, 0, List.of("a"), null, Instant.now());
        intake.keepAheadOfClose(game.id());

        databaseAway = true;
        brokerReply.completeExceptionally(new java.util.concurrent.TimeoutException("broker away"));
        closeCommitted.complete(false);

        assertThat(received.saved()).isCompletedExceptionally();
        assertThat(received.saved().handle((ok, error) -> error)).succeedsWithin(Duration.ofSeconds(1))
                .isInstanceOf(AnswerIntake.NotSaved.class);
        assertThat(intake.answers.choice(game.id(), 0, PLAYER)).as("to be sent again").isEmpty();
    }

    @Test
    void throughTheOutboxWhenTheBrokerDoesNotTakeIt() {
        intake.inLog.logged(game.id(), game.version());
        kafkaAway = true;
        Instant shownAt = game.openedAt().plusMillis(900);
        intake.shown.shown(game.id(), 0, PLAYER, shownAt);

        intake.receive(game, PLAYER, 0, List.of("a"), null, Instant.now()).saved().join();

        assertThat(toOutbox).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(toKafka.get(0).id());
            assertThat(shownAt(e)).isEqualTo(shownAt);
        });
    }

    @Test
    void notShownHereMeansNoShownAtAndTheOpening() {
        intake.inLog.logged(game.id(), game.version());

        AnswerIntake.Received received = intake.receive(game, PLAYER, 0, List.of("a"), null, Instant.now());
        received.saved().join();
        AnswerIntake.Receipt receipt = received.receipt();

        assertThat(EventCodec.payloadFromJson(toKafka.get(0), AnswerReceived.class).shownAt()).isNull();
        assertThat(toKafka.get(0).payloadJson()).doesNotContain("shownAt");
        assertThat(receipt.responseMs()).isEqualTo(Duration.between(game.openedAt(), receipt.receivedAt()).toMillis());
    }

    private static Instant shownAt(EventEnvelope event) {
        assertThat(ContractValidator.violations(EventCodec.encode(event))).isEmpty();
        return EventCodec.payloadFromJson(event, AnswerReceived.class).shownAt();
    }

    /** An executor that runs what it is given at once, or a metric registry whose counters count nothing. */
    @SuppressWarnings("unchecked")
    private static <T> T inline(Class<T> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "execute" -> ((Runnable) args[0]).run();
                case "counter" -> {
                    return inline(Counter.class);
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "toString" -> {
                    return type.getSimpleName();
                }
                default -> {
                    if (method.getReturnType() != void.class) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                }
            }
            return null;
        });
    }
}
