package io.quizplatform.platform.api;

import java.util.Optional;
import java.util.UUID;

/**
 * Ids as clients send them in paths, queries and bodies: a UUID in its one canonical shape, 8-4-4-4-12 hex digits.
 * {@link UUID#fromString} is lenient ({@code 1-1-1-1-1}, a sign before a group), so one resource would answer to many
 * spellings of its id: strict input takes only the one.
 */
public final class StrictIds {

    private static final int LENGTH = 36;

    private StrictIds() {
    }

    /** The UUID {@code text} spells canonically (either case), or empty. */
    public static Optional<UUID> uuid(String text) {
        if (text == null || text.length() != LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0 || c > 'f') {
                return Optional.empty();
            }
        }
        return Optional.of(UUID.fromString(text));
    }
}
