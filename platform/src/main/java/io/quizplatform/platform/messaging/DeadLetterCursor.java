package io.quizplatform.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the next page of a listing of parked records starts ({@code ?before=}, the {@code next} of the page before):
 * for each partition with records left, the offset its next page reads below. A partition not named has none left
 * (records parked after the first page are newer than it, so they are not on a later one). Opaque to clients and
 * short, as a query value must be (at most 1000 characters, {@code RequestParameterCheck}): base64url of
 * {@code <topics' fingerprint>~<topic index>.<partition>.<offset>,...}, a topic named by its place among the
 * service's dead-letter topics, which the fingerprint pins (a service whose topics changed since the first page
 * refuses the cursor: the listing starts again).
 */
public final class DeadLetterCursor {

    /** What a query value may hold: some 40 partitions with records left, offsets in the tens of billions, fit. */
    public static final int MAX_LENGTH = 1000;
    private static final Pattern BOUND = Pattern.compile("(0|[1-9]\\d{0,3})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,17})");
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{1,8}");

    /** Partition ("topic:partition") -> the offset its next page reads below. */
    private final Map<String, Long> bounds;

    private DeadLetterCursor(Map<String, Long> bounds) {
        this.bounds = Map.copyOf(bounds);
    }

    static DeadLetterCursor of(Map<String, Long> bounds) {
        return new DeadLetterCursor(bounds);
    }

    /**
     * The cursor in text, read against the service's dead-letter topics.
     *
     * @throws IllegalArgumentException what is wrong with it, for the client (altered, cut, or of other topics)
     */
    public static DeadLetterCursor parse(String text, List<String> topics) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters (the next of a listing)");
        }
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw notACursor();
        }
        int tilde = decoded.indexOf('~');
        if (tilde < 0 || !FINGERPRINT.matcher(decoded.substring(0, tilde)).matches()) {
            throw notACursor();
        }
        if (!decoded.substring(0, tilde).equals(fingerprint(topics))) {
            throw new IllegalArgumentException("is the next of a listing of other dead-letter topics: list from the first page");
        }
        Map<String, Long> bounds = new HashMap<>();
        for (String part : decoded.substring(tilde + 1).split(",", -1)) {
            Matcher m = BOUND.matcher(part);
            if (!m.matches() || Integer.parseInt(m.group(1)) >= topics.size()) {
                throw notACursor();
            }
            String partition = topics.get(Integer.parseInt(m.group(1))) + ":" + Integer.parseInt(m.group(2));
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

    /** The cursor in text for a service whose dead-letter topics are these (each partition it names among them). */
    public String text(List<String> topics) {
        StringJoiner joined = new StringJoiner(",", fingerprint(topics) + "~", "");
        new TreeMap<>(bounds).forEach((key, offset) -> {
            int colon = key.lastIndexOf(':');
            int topic = topics.indexOf(key.substring(0, colon));
            if (topic < 0) {
                throw new IllegalStateException("a cursor over a topic not listed: " + key);
            }
            joined.add(topic + "." + key.substring(colon + 1) + "." + offset);
        });
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** The topics, pinned: the same list in the same order gives the same fingerprint on every instance. */
    private static String fingerprint(List<String> topics) {
        return Integer.toHexString(topics.hashCode());
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
