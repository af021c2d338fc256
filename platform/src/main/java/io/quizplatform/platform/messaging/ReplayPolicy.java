package io.quizplatform.platform.messaging;

/**
 * Whether a parked record may be replayed. A record whose value is not an event can never be (there is nothing to
 * apply). A record already replayed successfully (applied, or found already applied) is refused unless forced: its
 * effect is in place, and a second replay of the same event id would only report {@code duplicate}. A record whose
 * last replay failed may be replayed again at any time.
 */
final class ReplayPolicy {

    enum Decision { REPLAY, NOT_AN_EVENT, ALREADY_REPLAYED }

    private ReplayPolicy() {
    }

    /** @param previous the latest replay of this very record (see {@link ParkedRecord#replayIn}), or null */
    static Decision decide(boolean isEvent, DeadLetterReplay previous, boolean force) {
        if (!isEvent) {
            return Decision.NOT_AN_EVENT;
        }
        if (previous != null && previous.wasSuccessful() && !force) {
            return Decision.ALREADY_REPLAYED;
        }
        return Decision.REPLAY;
    }
}
