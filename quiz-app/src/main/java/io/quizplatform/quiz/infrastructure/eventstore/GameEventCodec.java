package io.quizplatform.quiz.infrastructure.eventstore;

import io.quizplatform.quiz.domain.game.GameEvent;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.util.Map;

/** Game events to and from the JSON kept in the event store and sent on quiz-events. */
public final class GameEventCodec {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private static final Map<String, Class<? extends GameEvent>> TYPES = Map.of(
            "game.created", GameEvent.GameCreated.class,
            "game.player-joined", GameEvent.PlayerJoined.class,
            "game.player-kicked", GameEvent.PlayerKicked.class,
            "game.started", GameEvent.GameStarted.class,
            "game.question-previewed", GameEvent.QuestionPreviewed.class,
            "game.question-opened", GameEvent.QuestionOpened.class,
            "game.question-closed", GameEvent.QuestionClosed.class,
            "game.ended", GameEvent.GameEnded.class);

    private GameEventCodec() {
    }

    public static String toJson(GameEvent event) {
        return JSONB.toJson(event);
    }

    public static GameEvent fromJson(String type, String json) {
        Class<? extends GameEvent> cls = TYPES.get(type);
        if (cls == null) {
            throw new IllegalArgumentException("unknown game event type " + type);
        }
        return JSONB.fromJson(json, cls);
    }
}
