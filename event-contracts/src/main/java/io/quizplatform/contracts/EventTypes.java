package io.quizplatform.contracts;

import java.util.Map;

/**
 * Every event type the platform publishes, with the topic it goes to and the JSON schema of its payload
 * ({@code schemas/<type>.schema.json} on the classpath of this module).
 */
public final class EventTypes {

    public static final String USER_REGISTERED = "user.registered";
    public static final String USER_PROFILE_UPDATED = "user.profile-updated";

    private static final Map<String, Topic> TOPIC_BY_TYPE = Map.of(
            USER_REGISTERED, Topic.USER_EVENTS,
            USER_PROFILE_UPDATED, Topic.USER_EVENTS);

    private EventTypes() {
    }

    public static Topic topicOf(String type) {
        Topic topic = TOPIC_BY_TYPE.get(type);
        if (topic == null) {
            throw new IllegalArgumentException("unknown event type " + type);
        }
        return topic;
    }

    public static boolean isKnown(String type) {
        return TOPIC_BY_TYPE.containsKey(type);
    }

    /** Classpath location of the payload schema of an event type. */
    public static String payloadSchemaResource(String type) {
        topicOf(type);
        return "/schemas/" + type + ".schema.json";
    }

    public static final String ENVELOPE_SCHEMA_RESOURCE = "/schemas/event-envelope.schema.json";
}
