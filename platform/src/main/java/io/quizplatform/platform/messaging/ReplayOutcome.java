package io.quizplatform.platform.messaging;

import java.util.Locale;

/** What replaying a parked record did; stored in {@code dead_letter_replays.outcome} and shown in lower case. */
public enum ReplayOutcome {
    /** The event was applied now. */
    APPLIED,
    /** This service had already applied the event (same event id): nothing changed, and nothing needed to. */
    DUPLICATE,
    /** The event still fails after the delivery's retries; the record stays parked. */
    FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** After this outcome the event's effect is in place (applied now or before). */
    public boolean successful() {
        return this != FAILED;
    }

    public static ReplayOutcome fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
