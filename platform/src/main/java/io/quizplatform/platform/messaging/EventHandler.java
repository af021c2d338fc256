package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.Topic;

import java.util.List;

/**
 * A service's reaction to events of one topic. Implement it as a CDI bean; the platform subscribes the service's
 * consumer group to the topic and calls {@link #apply} once per event id, inside the transaction that records the
 * event as processed. Throwing makes the delivery retry, then park the event in the dead-letter topic.
 */
public interface EventHandler {

    Topic topic();

    /** Whether this handler wants events of this type at all (others are acknowledged and skipped). */
    boolean handles(String eventType);

    void apply(EventEnvelope event);

    /**
     * Called once before the events of one transaction are applied, inside it, with the events about to be applied
     * (in order; redeliveries already left out). A handler that would read something for each event reads it here for
     * all of them at once instead (a burst of answers, one query rather than one per answer or per game).
     */
    default void startOfBatch(List<EventEnvelope> events) {
    }

    /**
     * Called once after the events of one transaction were applied, still inside it. A handler that collects
     * writes to do them together (one statement for a burst of events) does them here.
     */
    default void endOfBatch() {
    }
}
