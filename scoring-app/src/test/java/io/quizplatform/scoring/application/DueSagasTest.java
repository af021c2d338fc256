package io.quizplatform.scoring.application;

import io.quizplatform.scoring.application.FinalizationSteps.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The completion driver works through every due saga in one look, a few at a time, and never goes round forever. */
class DueSagasTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    /** One look of the driver, batches of 20, four at a time, every saga ending its turn with {@code outcome}. */
    private void drive(Due due, Outcome outcome) {
        DueSagas.driveAll(due.reads(), 20, due.advance(id -> outcome), pool, 4);
    }

    /** The due sagas, oldest first, as the repository would list them; what moved on leaves the list. */
    private static final class Due {
        final List<UUID> running = new ArrayList<>();
        final Map<UUID, Integer> advanced = new ConcurrentHashMap<>();
        final AtomicInteger looks = new AtomicInteger();

        Due(int sagas) {
            IntStream.range(0, sagas).forEach(i -> running.add(UUID.randomUUID()));
        }

        IntFunction<List<UUID>> reads() {
            return limit -> {
                looks.incrementAndGet();
                synchronized (this) {
                    return List.copyOf(running.subList(0, Math.min(limit, running.size())));
                }
            };
        }

        Function<UUID, Outcome> advance(Function<UUID, Outcome> outcome) {
            return gameId -> {
                advanced.merge(gameId, 1, Integer::sum);
                Outcome o = outcome.apply(gameId);
                if (o != Outcome.BUSY) {
                    synchronized (this) {
                        running.remove(gameId);
                    }
                }
                return o;
            };
        }
    }

    @Test
    void fiveHundredGamesEndingTogetherAreAllFinalizedInOneLook() {
        Due due = new Due(500);

        drive(due, Outcome.DONE);

        assertThat(due.running).isEmpty();
        assertThat(due.advanced).hasSize(500).allSatisfy((id, times) -> assertThat(times).isOne());
        assertThat(due.looks.get()).isEqualTo(26); // 25 full batches, then one that came back empty
    }

    @Test
    void aBatchIsAdvancedAFewSagasAtATime() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<UUID> sagas = IntStream.range(0, 20).mapToObj(i -> UUID.randomUUID()).toList();

        boolean progressed = DueSagas.advanceAll(sagas, gameId -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            threads.add(Thread.currentThread().getName());
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return Outcome.WAITING;
        }, pool, 4);

        assertThat(progressed).isTrue();
        assertThat(most.get()).isBetween(2, 4);
        assertThat(threads).contains(Thread.currentThread().getName()).hasSizeBetween(2, 4);
    }

    @Test
    void sagasOtherInstancesHoldAreLeftToThemAfterOneLook() {
        Due due = new Due(40);

        drive(due, Outcome.BUSY);

        assertThat(due.looks.get()).isOne();
        assertThat(due.running).hasSize(40);
        assertThat(due.advanced).hasSize(20);
    }

    @Test
    void aSagaThatStaysDueWhateverHappensCannotKeepTheDriverGoingRound() {
        Due due = new Due(20);
        // FAILED, but the failure could not be recorded: the saga is still due at once.
        Function<UUID, Outcome> unrecorded = gameId -> {
            due.advanced.merge(gameId, 1, Integer::sum);
            return Outcome.FAILED;
        };

        DueSagas.driveAll(due.reads(), 20, unrecorded, pool, 4);

        assertThat(due.looks.get()).isEqualTo(DueSagas.MAX_BATCHES);
    }

    @Test
    void aShortBatchEndsTheLook() {
        Due due = new Due(7);

        drive(due, Outcome.WAITING);

        assertThat(due.looks.get()).isOne();
        assertThat(due.advanced).hasSize(7);
    }
}
