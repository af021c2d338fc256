package io.quizplatform.platform.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * The latest replay of one parked record (a row of {@code dead_letter_replays}): its outcome ({@code applied},
 * {@code duplicate} or {@code failed}), the error of a failed one, when, by whom (the token's subject and name)
 * and how many replays there were in all.
 *
 * @param eventId the id of the event that was replayed; a row whose event id differs from the record's now at that
 *                offset (a dead-letter topic deleted and created again) is about another record and is ignored
 */
public record DeadLetterReplay(String eventId, String outcome, String error, Instant replayedAt, String replayedBy,
                               String replayedByName, int attempts) {

    /** Whether this row is about the given event, i.e. about the record now at its offset. */
    boolean concerns(String recordEventId) {
        if (recordEventId == null || eventId == null) {
            return false;
        }
        try {
            return UUID.fromString(recordEventId).equals(UUID.fromString(eventId));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    boolean wasSuccessful() {
        return ReplayOutcome.fromWire(outcome).successful();
    }
}
