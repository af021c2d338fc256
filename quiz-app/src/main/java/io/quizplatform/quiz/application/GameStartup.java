package io.quizplatform.quiz.application;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import java.util.logging.Level;
import java.util.logging.Logger;

/** On start, picks up the clocks of games that were running when this instance (or another) stopped. */
@ApplicationScoped
public class GameStartup {

    private static final Logger LOG = Logger.getLogger(GameStartup.class.getName());

    @Inject
    GameClock clock;

    /** Runs after the platform's start-up (schema migration), which observes the same event at default priority. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) @Initialized(ApplicationScoped.class) Object ignored) {
        try {
            int resumed = clock.resumeLiveGames();
            if (resumed > 0) {
                LOG.info("resumed the clocks of " + resumed + " live games");
            }
        } catch (RuntimeException e) {
            // The schema may not be migrated yet (database down at start); games resume on their next command.
            LOG.log(Level.WARNING, "could not resume live games at start: " + e.getMessage());
        }
    }
}
