package io.quizplatform.quiz.application.live;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/**
 * Writes {@link ServerMessage}s as the text that goes on the socket, with JSON-B: members in the order each record
 * names, {@code null} members left out. A message for many connections is written once and the same string sent
 * to all of them; one that differs per player in a single member is written once and that member spliced in
 * ({@link #with}).
 */
public final class LiveMessages {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

    private LiveMessages() {
    }

    public static String json(ServerMessage message) {
        return JSONB.toJson(message);
    }

    /** A part of a message ({@code null} becomes {@code null}). */
    static String part(Object value) {
        return value == null ? "null" : JSONB.toJson(value);
    }

    /** {@code common} (a JSON object) with one more member at its end, whose value is already JSON. */
    static String with(String common, String member, String valueJson) {
        return common.substring(0, common.length() - 1) + ",\"" + member + "\":" + valueJson + "}";
    }
}
