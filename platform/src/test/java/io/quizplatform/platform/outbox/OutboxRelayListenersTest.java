package io.quizplatform.platform.outbox;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Whoever waits for an event to be in Kafka hears of it from the relay, once the broker has acknowledged it. */
class OutboxRelayListenersTest {

    private final OutboxRelay relay = new OutboxRelay();

    @Test
    void aListenerHearsOfEachSentEventOfItsTypeInTheOrderTheyWerePublished() {
        List<String> heard = new ArrayList<>();
        relay.whenPublished("game.question-opened", published -> heard.add(published.key() + " " + published.envelope()));

        relay.tell(List.of(row("game.question-opened", "game-1", "{q:0}"), row("game.answer-received", "game-1", "{a}"),
                row("game.question-opened", "game-2", "{q:0}"), row("game.question-opened", "game-1", "{q:1}")));

        assertThat(heard).containsExactly("game-1 {q:0}", "game-2 {q:0}", "game-1 {q:1}");
    }

    @Test
    void aFailingListenerKeepsNeitherTheOthersNorTheRelayFromGoingOn() {
        List<String> heard = new ArrayList<>();
        relay.whenPublished("game.question-opened", published -> {
            throw new IllegalStateException("broken listener");
        });
        relay.whenPublished("game.question-opened", published -> heard.add(published.topic() + " " + published.eventType()));

        relay.tell(List.of(row("game.question-opened", "game-1", "{}"), row("game.question-opened", "game-2", "{}")));

        assertThat(heard).containsExactly("quiz-events game.question-opened", "quiz-events game.question-opened");
    }

    @Test
    void nothingIsToldOfEventsNobodyListensFor() {
        List<String> heard = new ArrayList<>();
        relay.whenPublished("game.question-opened", published -> heard.add(published.key()));

        relay.tell(List.of(row("game.created", "game-1", "{}"), row("game.ended", "game-1", "{}")));
        relay.tell(List.of());

        assertThat(heard).isEmpty();
    }

    private static OutboxMessage row(String type, String key, String envelope) {
        return new OutboxMessage(UUID.randomUUID(), "quiz-events", key, type, envelope, Instant.now(), null);
    }
}
