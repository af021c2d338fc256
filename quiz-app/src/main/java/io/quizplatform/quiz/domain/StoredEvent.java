package io.quizplatform.quiz.domain;

import java.time.Instant;
import java.util.UUID;

/** One event as the event store holds it (a quiz's history shows these). */
public record StoredEvent(UUID eventId, String type, long version, String actorId, Instant at, String data) {
}
