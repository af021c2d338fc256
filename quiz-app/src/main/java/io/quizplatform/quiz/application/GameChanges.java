package io.quizplatform.quiz.application;

import io.quizplatform.quiz.application.live.GamePushes;
import io.quizplatform.quiz.domain.game.Game;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A committed change of a game, announced on every instance: by the fan-out (each change, read back from
 * quiz-events), and at once by whoever made it here (a host's command, the clock, the watch, the idle ending). The
 * followers are called here, in this order, on the announcing thread: the watch and the scores note the change, the
 * clock arms what is due next, and the pushes send it to the game's connections here (the slowest, so last). Each
 * follower takes the same change several times (once per announcer) and acts on it once.
 */
@ApplicationScoped
public class GameChanges {

    @Inject
    LiveGameWatch watch;

    @Inject
    LiveScores scores;

    @Inject
    GameClock clock;

    @Inject
    GamePushes pushes;

    public void announce(Game game) {
        watch.changed(game);
        scores.changed(game);
        clock.follow(game);
        pushes.changed(game);
    }
}
