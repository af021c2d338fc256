package io.quizplatform.quiz.application;

import io.quizplatform.quiz.application.live.GameViews;
import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.domain.game.GamePin;
import io.quizplatform.quiz.domain.game.GameQuestion;
import io.quizplatform.quiz.domain.quiz.AnswerOption;
import io.quizplatform.quiz.domain.quiz.QuestionType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A class joining at once: the joins that arrive while one group commits go together into the next, each joiner is
 * answered with its own player or its own refusal, and the waiting joiners take over the commits without a thread of
 * their own. The game's commands run against a game in memory here, one at a time like the game's row lock.
 */
class GameJoinsTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private static final UUID GAME = UUID.randomUUID();

    final CountDownLatch firstCommitMayEnd = new CountDownLatch(1);
    final InMemoryCommands commands = new InMemoryCommands();
    final GameJoins joins = new GameJoins();
    final List<Thread> joiners = new ArrayList<>();
    final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r);
        synchronized (joiners) {
            joiners.add(t);
        }
        return t;
    });

    @BeforeEach
    void setUp() {
        joins.commands = commands;
        joins.views = new GameViews();
        joins.boundCommitters(5);
        joins.handOffs = threads;
    }

    @AfterEach
    void tearDown() {
        firstCommitMayEnd.countDown();
        threads.shutdownNow();
    }

    @Test
    void joinsArrivingDuringACommitGoTogetherIntoTheNext() throws Exception {
        Future<Game.Player> first = threads.submit(() -> joins.join(GAME, "p0", "Player 0"));
        awaitCommits(1);
        List<Future<Game.Player>> others = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            String id = "p" + i;
            String nickname = "Player " + i;
            others.add(threads.submit(() -> joins.join(GAME, id, nickname)));
        }
        awaitAllWaiting(201);

        firstCommitMayEnd.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).nickname()).isEqualTo("Player 0");
        for (int i = 1; i <= 200; i++) {
            assertThat(others.get(i - 1).get(10, TimeUnit.SECONDS)).usingRecursiveComparison().ignoringFields("joinedInVersion")
                    .isEqualTo(new Game.Player("p" + i, "Player " + i, false, 0));
        }
        assertThat(commands.runs).as("the first join's commit, then one for the 200 that queued behind it").hasValue(2);
        assertThat(commands.game.activePlayerCount()).isEqualTo(201);
    }

    @Test
    void aRefusedJoinFailsAloneAndTheRestOfItsGroupJoins() throws Exception {
        Future<Game.Player> first = threads.submit(() -> joins.join(GAME, "p0", "Ada"));
        awaitCommits(1);
        Future<Game.Player> taken = threads.submit(() -> joins.join(GAME, "p1", "ada"));
        Future<Game.Player> bob = threads.submit(() -> joins.join(GAME, "p2", "Bob"));
        awaitAllWaiting(3);

        firstCommitMayEnd.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).nickname()).isEqualTo("Ada");
        assertThat(bob.get(10, TimeUnit.SECONDS).nickname()).isEqualTo("Bob");
        Throwable refusal = catchThrowable(() -> taken.get(10, TimeUnit.SECONDS));
        assertThat(refusal.getCause()).isInstanceOfSatisfying(JoinRefused.class, e -> {
            assertThat(e.code()).isEqualTo("nickname-taken");
            assertThat(e.field()).isEqualTo("nickname");
        });
        assertThat(commands.game.activePlayerCount()).isEqualTo(2);
    }

    @Test
    void joinsThatDoNotWaitReturnAtOnceAndTheThreadWithTheTurnCommitsThemWithTheNextGroup() throws Exception {
        Future<CompletableFuture<Game.Player>> first = threads.submit(() -> joins.joinSoon(GAME, "p0", "Player 0"));
        awaitCommits(1);
        List<CompletableFuture<Game.Player>> others = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            others.add(joins.joinSoon(GAME, "p" + i, "Player " + i)); // the test's own thread: not held up
        }
        assertThat(others).noneMatch(CompletableFuture::isDone);

        firstCommitMayEnd.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS).nickname()).isEqualTo("Player 0");
        for (int i = 1; i <= 100; i++) {
            assertThat(others.get(i - 1).get(10, TimeUnit.SECONDS).id()).isEqualTo("p" + i);
        }
        assertThat(commands.runs).as("the first join's commit, then the 100 queued behind it, on the first thread").hasValue(2);
    }

    @Test
    void joinsThatDoNotWaitQueuedBehindAWaitingJoinAreHandedOnWhenItIsAnswered() throws Exception {
        Future<Game.Player> waiting = threads.submit(() -> joins.join(GAME, "p0", "Ada"));
        awaitCommits(1);
        CompletableFuture<Game.Player> grace = joins.joinSoon(GAME, "p1", "Grace");
        CompletableFuture<Game.Player> taken = joins.joinSoon(GAME, "p2", "ADA");

        firstCommitMayEnd.countDown();

        assertThat(waiting.get(10, TimeUnit.SECONDS).nickname()).isEqualTo("Ada");
        assertThat(grace.get(10, TimeUnit.SECONDS).nickname()).isEqualTo("Grace");
        assertThat(catchThrowable(() -> taken.get(10, TimeUnit.SECONDS)).getCause()).isInstanceOfSatisfying(JoinRefused.class,
                e -> assertThat(e.code()).isEqualTo("nickname-taken"));
        assertThat(commands.game.activePlayerCount()).isEqualTo(2);
    }

    @Test
    void noJoinIsLeftQueuedWhenManyArriveWhileTheTurnChangesHands() throws Exception {
        firstCommitMayEnd.countDown();
        List<Future<CompletableFuture<Game.Player>>> joined = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            String id = "p" + i;
            joined.add(threads.submit(() -> joins.joinSoon(GAME, id, "Player " + id)));
        }
        for (Future<CompletableFuture<Game.Player>> j : joined) {
            assertThat(j.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS)).isNotNull();
        }
        assertThat(commands.game.activePlayerCount()).isEqualTo(900);
    }

    /** Waits until the in-memory store has started {@code n} commits. */
    private void awaitCommits(int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (commands.started.get() < n && System.nanoTime() < until) {
            Thread.sleep(1);
        }
        assertThat(commands.started).hasValue(n);
    }

    /** Waits until {@code n} joiner threads are parked: one inside the first commit, the rest queued behind it. */
    private void awaitAllWaiting(int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            long parked;
            synchronized (joiners) {
                parked = joiners.stream().filter(t -> t.getState() == Thread.State.WAITING
                        || t.getState() == Thread.State.TIMED_WAITING).count();
            }
            if (parked >= n) {
                return;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("the joiners did not all queue");
    }

    /** The game's commands against one game in memory, one at a time; the first commit waits for the test. */
    final class InMemoryCommands extends GameCommands {
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger runs = new AtomicInteger();
        volatile Game game = lobby();

        @Override
        public synchronized <R> R run(UUID gameId, String actorId, Function<Game, R> command) {
            Game next = game.copy();
            R result = command.apply(next);
            if (started.incrementAndGet() == 1) {
                try {
                    firstCommitMayEnd.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            next.markCommitted();
            game = next;
            runs.incrementAndGet();
            return result;
        }
    }

    private static Game lobby() {
        List<GameQuestion> questions = List.of(new GameQuestion("q-a", QuestionType.SINGLE_CHOICE, "2 + 2?", null, 20, 1000,
                List.of(new AnswerOption("a", "4", true), new AnswerOption("b", "5", false)), List.of()));
        Game game = Game.create(GAME.toString(), "quiz", "host", new GamePin("123456"), questions, true, true, false,
                1000, T0);
        game.markCommitted();
        return game;
    }
}
