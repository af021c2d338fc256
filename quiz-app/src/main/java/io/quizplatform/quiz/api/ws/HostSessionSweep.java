package io.quizplatform.quiz.api.ws;

import io.quizplatform.quiz.infrastructure.security.AccessTokenVerifier;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lets go of the host sockets whose token no longer stands, every {@value #EVERY_SECONDS} s: a big screen that only
 * listens sends no command that would be refused, and must not go on being sent the game once its host has logged out
 * or had every session ended (a password change, a lock). A token expired or renewed gets a 1013, and the page comes
 * back with the token it has now ({@link HostSockets#sessionEnded}).
 */
@ApplicationScoped
public class HostSessionSweep {

    private static final Logger LOG = Logger.getLogger(HostSessionSweep.class.getName());
    static final long EVERY_SECONDS = 30;

    @Inject
    OpenSockets sockets;

    @Inject
    AccessTokenVerifier hostTokens;

    @Inject
    HostSockets hosts;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> sweep;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        sweep = scheduler.scheduleWithFixedDelay(this::sweep, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (sweep != null) {
            sweep.cancel(false);
        }
    }

    void sweep() {
        try {
            for (SocketConnection host : sockets.hosts()) {
                AccessTokenVerifier.Check check = hostTokens.recheck(host.hostToken());
                // Unverifiable (user-app out of reach, no keys kept): an outage ends no game.
                if (check.standing() != AccessTokenVerifier.Standing.UNVERIFIABLE && !check.validFor(host.userId())) {
                    hosts.sessionEnded(host, check.standing());
                }
            }
        } catch (RuntimeException e) {
            // Thrown out of the task, it would never run again.
            LOG.log(Level.WARNING, "the host sockets' tokens could not be checked; trying again in " + EVERY_SECONDS + " s", e);
        }
    }
}
