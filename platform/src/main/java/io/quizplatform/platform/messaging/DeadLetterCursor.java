package io.quizplatform.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the next page of a listing of parked records starts ({@code ?before=}, the {@code next} of the page before):
 * for each partition with records left, the offset its next page reads below. A partition not named has none left
 * (records parked after the first page are newer than it, so they are not on a later one). Opaque to clients:
 * base64url of {@code topic:partition:offset;...}.
 */
public final class DeadLetterCursor {

    /**
     * A cursor names at most every partition of a service's dead-letter topics, about 55 characters each: room for
     * some 140 partitions (three topics of six each today), and a bound on what is decoded.
     */
    public static final int MAX_LENGTH = 8192;
    private static final Pattern BOUND = Pattern.compile("([a-z0-9._-]{1,249}):(\\d{1,9}):(\\d{1,18})");

    /** Partition ("topic:partition") -> the offset its next page reads below. */
    private final Map<String, Long> bounds;

    private DeadLetterCursor(Map<String, Long> bounds) {
        this.bounds = Map.copyOf(bounds);
    }

    static DeadLetterCursor of(Map<String, Long> bounds) {
        return new DeadLetterCursor(bounds);
    }

    /**
     * The cursor in text.
     *
     * @throws IllegalArgumentException what is wrong with it, for the client (it was altered or cut)
     */
    public static DeadLetterCursor parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters (the next of a listing)");
        }
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw notACursor();
        }
        if (decoded.isEmpty()) {
            throw notACursor();
        }
        Map<String, Long> bounds = new LinkedHashMap<>();
        for (String part : decoded.split(";", -1)) {
            Matcher m = BOUND.matcher(part);
            if (!m.matches()) {
                throw notACursor();
            }
            String partition = m.group(1) + ":" + Integer.parseInt(m.group(2));
            if (bounds.put(partition, Long.parseLong(m.group(3))) != null) {
                throw notACursor();
            }
        }
        return new DeadLetterCursor(bounds);
    }

    private static IllegalArgumentException notACursor() {
        return new IllegalArgumentException("must be the next of an earlier listing, unchanged");
    }

    /** The offset the partition's next page reads below; empty when it has no records left. */
    OptionalLong bound(String topic, int partition) {
        Long bound = bounds.get(topic + ":" + partition);
        return bound == null ? OptionalLong.empty() : OptionalLong.of(bound);
    }

    /** The topics it names (each must be one of the service's dead-letter topics). */
    java.util.Set<String> topics() {
        java.util.Set<String> topics = new java.util.TreeSet<>();
        bounds.keySet().forEach(key -> topics.add(key.substring(0, key.lastIndexOf(':'))));
        return topics;
    }

    public String text() {
        StringJoiner joined = new StringJoiner(";");
        new java.util.TreeMap<>(bounds).forEach((partition, offset) -> joined.add(partition + ":" + offset));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.toString().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeadLetterCursor cursor && cursor.bounds.equals(bounds);
    }

    @Override
    public int hashCode() {
        return bounds.hashCode();
    }

    @Override
    public String toString() {
        return "DeadLetterCursor" + bounds;
    }
}
