package io.quizplatform.platform.outbox;

import io.quizplatform.platform.api.Problem;
import io.quizplatform.platform.api.ProblemException;

import java.util.List;

/**
 * A change whose event would be larger than Kafka takes as one record ({@link Outbox#MAX_EVENT_BYTES}). Refused
 * before it is written: committed to the outbox, the broker would refuse the row for good, and every event after it
 * would wait behind it. The use case's transaction rolls back, so nothing of the change is kept.
 */
public class EventTooLarge extends ProblemException {

    public EventTooLarge(String eventType, long bytes, long maxBytes) {
        super(422, "Too large", "This change would be sent as a " + eventType + " event of " + bytes
                        + " bytes; at most " + maxBytes + " bytes can be sent as one event. Make it smaller (fewer or shorter texts).",
                List.of(new Problem.FieldError("body", "too-large", "makes an event of " + bytes + " bytes, more than "
                        + maxBytes)));
    }
}
