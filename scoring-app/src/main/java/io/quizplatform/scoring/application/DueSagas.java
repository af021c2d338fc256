package io.quizplatform.scoring.application;

import io.quizplatform.scoring.application.FinalizationSteps.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * How {@link GameCompletion} works through the sagas that are due: batch after batch while batches come full, each
 * batch's sagas a few at a time. One batch of 20 a second, one saga after the other, left 500 games that ended
 * together waiting up to 27 s for their podium (ManyClassroomsSimulation, 500 games of 20).
 */
final class DueSagas {

    /**
     * At most this many batches per look: a saga that stays due whatever is done with it (its failure could not even be
     * recorded) must not keep the driver going round; the next look, a second later, goes on.
     */
    static final int MAX_BATCHES = 50;

    private DueSagas() {
    }

    /**
     * Advances what {@code due} returns (at most {@code batch} sagas each time) until a batch comes back short, or
     * nothing in it could move because other instances hold every saga of it ({@link Outcome#BUSY}, which stay due).
     * Every other outcome takes a saga out of the due ones for now (moved on, waiting a second, backing off, done), so
     * the loop ends (and it stops after {@link #MAX_BATCHES} anyway).
     */
    static void driveAll(IntFunction<List<UUID>> due, int batch, Function<UUID, Outcome> advance, Executor executor,
                         int atOnce) {
        List<UUID> sagas;
        int batches = 0;
        do {
            sagas = due.apply(batch);
        } while (advanceAll(sagas, advance, executor, atOnce) && sagas.size() == batch && ++batches < MAX_BATCHES);
    }

    /**
     * Advances each saga once, at most {@code atOnce} at a time (this thread is one of them); true if any of them was
     * not {@link Outcome#BUSY}.
     */
    static boolean advanceAll(List<UUID> sagas, Function<UUID, Outcome> advance, Executor executor, int atOnce) {
        Queue<UUID> left = new ConcurrentLinkedQueue<>(sagas);
        AtomicBoolean progressed = new AtomicBoolean();
        Runnable worker = () -> {
            for (UUID gameId; (gameId = left.poll()) != null; ) {
                if (advance.apply(gameId) != Outcome.BUSY) {
                    progressed.set(true);
                }
            }
        };
        List<CompletableFuture<Void>> helpers = new ArrayList<>();
        for (int i = 1; i < Math.min(atOnce, sagas.size()); i++) {
            try {
                helpers.add(CompletableFuture.runAsync(worker, executor));
            } catch (RejectedExecutionException stopping) {
                break; // this thread does the rest
            }
        }
        worker.run();
        helpers.forEach(CompletableFuture::join);
        return progressed.get();
    }
}
