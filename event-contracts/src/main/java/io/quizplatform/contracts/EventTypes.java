package io.quizplatform.contracts;

import java.util.Map;

/**
 * Every event type the platform publishes, with the topic it goes to and the JSON schema of its payload
 * ({@code schemas/<type>.schema.json} on the classpath of this module).
 */
public final class EventTypes {

    public static final String USER_REGISTERED = "user.registered";
    public static final String USER_PROFILE_UPDATED = "user.profile-updated";
    /** A password change or an admin's lock ended every session of an account: older tokens are refused everywhere. */
    public static final String USER_SESSIONS_REVOKED = "user.sessions-revoked";

    public static final String QUIZ_CREATED = "quiz.created";
    public static final String QUIZ_DETAILS_CHANGED = "quiz.details-changed";
    public static final String QUIZ_QUESTION_ADDED = "quiz.question-added";
    public static final String QUIZ_QUESTION_EDITED = "quiz.question-edited";
    public static final String QUIZ_QUESTION_REMOVED = "quiz.question-removed";
    public static final String QUIZ_QUESTIONS_REORDERED = "quiz.questions-reordered";
    public static final String QUIZ_PUBLISHED = "quiz.published";
    public static final String QUIZ_ARCHIVED = "quiz.archived";

    public static final String GAME_CREATED = "game.created";
    public static final String GAME_PLAYER_JOINED = "game.player-joined";
    public static final String GAME_PLAYER_KICKED = "game.player-kicked";
    public static final String GAME_STARTED = "game.started";
    public static final String GAME_QUESTION_PREVIEWED = "game.question-previewed";
    public static final String GAME_QUESTION_OPENED = "game.question-opened";
    public static final String GAME_QUESTION_CLOSED = "game.question-closed";
    public static final String GAME_ENDED = "game.ended";
    /** A player's answer as quiz-app received it over the socket; answer-app decides on it. Not a game-aggregate event. */
    public static final String GAME_ANSWER_RECEIVED = "game.answer-received";

    public static final String ANSWER_SUBMITTED = "answer.submitted";
    public static final String ANSWER_REJECTED = "answer.rejected";
    public static final String ANSWER_QUESTION_TALLIED = "answer.question-tallied";

    public static final String SCORE_QUESTION_SCORED = "score.question-scored";
    /** The end of the game-completion saga: scores final, report built. Published by scoring-app. */
    public static final String GAME_FINALIZED = "game.finalized";
    public static final String GAME_FINALIZATION_FAILED = "game.finalization-failed";

    private static final Map<String, Topic> TOPIC_BY_TYPE = Map.ofEntries(
            Map.entry(GAME_CREATED, Topic.QUIZ_EVENTS),
            Map.entry(GAME_PLAYER_JOINED, Topic.QUIZ_EVENTS),
            Map.entry(GAME_PLAYER_KICKED, Topic.QUIZ_EVENTS),
            Map.entry(GAME_STARTED, Topic.QUIZ_EVENTS),
            Map.entry(GAME_QUESTION_PREVIEWED, Topic.QUIZ_EVENTS),
            Map.entry(GAME_QUESTION_OPENED, Topic.QUIZ_EVENTS),
            Map.entry(GAME_QUESTION_CLOSED, Topic.QUIZ_EVENTS),
            Map.entry(GAME_ENDED, Topic.QUIZ_EVENTS),
            Map.entry(GAME_ANSWER_RECEIVED, Topic.QUIZ_EVENTS),
            Map.entry(ANSWER_SUBMITTED, Topic.ANSWER_EVENTS),
            Map.entry(ANSWER_REJECTED, Topic.ANSWER_EVENTS),
            Map.entry(ANSWER_QUESTION_TALLIED, Topic.ANSWER_EVENTS),
            Map.entry(SCORE_QUESTION_SCORED, Topic.SCORING_EVENTS),
            Map.entry(GAME_FINALIZED, Topic.SCORING_EVENTS),
            Map.entry(GAME_FINALIZATION_FAILED, Topic.SCORING_EVENTS),
            Map.entry(USER_REGISTERED, Topic.USER_EVENTS),
            Map.entry(USER_PROFILE_UPDATED, Topic.USER_EVENTS),
            Map.entry(USER_SESSIONS_REVOKED, Topic.USER_EVENTS),
            Map.entry(QUIZ_CREATED, Topic.QUIZ_EVENTS),
            Map.entry(QUIZ_DETAILS_CHANGED, Topic.QUIZ_EVENTS),
            Map.entry(QUIZ_QUESTION_ADDED, Topic.QUIZ_EVENTS),
            Map.entry(QUIZ_QUESTION_EDITED, Topic.QUIZ_EVENTS),
            Map.entry(QUIZ_QUESTION_REMOVED, Topic.QUIZ_EVENTS),
            Map.entry(QUIZ_QUESTIONS_REORDERED, Topic.QUIZ_EVENTS),
            Map.entry(QUIZ_PUBLISHED, Topic.QUIZ_EVENTS),
            Map.entry(QUIZ_ARCHIVED, Topic.QUIZ_EVENTS));

    /** Every known type, for contract tests. */
    public static java.util.Set<String> all() {
        return TOPIC_BY_TYPE.keySet();
    }

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
