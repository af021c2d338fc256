package io.quizplatform.quiz.application;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A game its host left is never ended, so the clock's record of what it armed for it would stay until a restart:
 * an hour after the transition was due it goes.
 */
class GameClockForgetsTest {

    static final Instant NOW = Instant.parse("2026-12-03T16:00:00Z");

    @Test
    void aTransitionDueMoreThanAnHourAgoIsForgottenOneDueSinceIsKept() {
        UUID left = UUID.randomUUID();
        UUID waitingForNext = UUID.randomUUID();
        UUID open = UUID.randomUUID();
        Map<UUID, GameClock.Armed> armed = new ConcurrentHashMap<>(Map.of(
                left, new GameClock.Armed(new GameClock.Transition(2, false), NOW.minus(Duration.ofHours(3))),
                waitingForNext, new GameClock.Armed(new GameClock.Transition(0, false), NOW.minus(Duration.ofMinutes(59))),
                open, new GameClock.Armed(new GameClock.Transition(1, false), NOW.plusSeconds(8))));

        int forgotten = GameClock.forgetStale(armed, NOW);

        assertThat(forgotten).isEqualTo(1);
        assertThat(armed).containsOnlyKeys(waitingForNext, open);
    }
}
