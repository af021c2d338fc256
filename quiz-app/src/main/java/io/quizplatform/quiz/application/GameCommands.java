package io.quizplatform.quiz.application;

import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.domain.game.GameEvent;
import io.quizplatform.quiz.domain.game.GameEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.UUID;
import java.util.function.Function;

/**
 * One game command in one transaction: lock the game's live row, load the game from its events, run the command,
 * append what it recorded (behind the answers still on their way, when it closes the question or ends the
 * game). Callers still retry on a concurrent change (a game that is not live has no row).
 */
@ApplicationScoped
public class GameCommands {

    @Inject
    GameEvents store;

    @Inject
    AnswerIntake answers;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public <R> R run(UUID gameId, String actorId, Function<Game, R> command) {
        // Commands on one game queue up here instead of racing and retrying (a class joining at once would
        // exhaust any retry budget); the event store's version check stays as the guarantee.
        store.lockLive(gameId);
        Game game = store.load(gameId).orElseThrow(() -> UnknownGame.withId(gameId));
        R result = command.apply(game);
        if (!game.pendingEvents().isEmpty()) {
            boolean closes = game.pendingEvents().stream()
                    .anyMatch(e -> e instanceof GameEvent.QuestionClosed || e instanceof GameEvent.GameEnded);
            if (closes) {
                // Answers stamped before this close, still on their way to the broker, go ahead of it.
                answers.keepAheadOfClose(game.id());
            }
            store.append(game, actorId);
        }
        return result;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void register(Game game, String actorId) {
        store.register(game);
        store.append(game, actorId);
    }
}
