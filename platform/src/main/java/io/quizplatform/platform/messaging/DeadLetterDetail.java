package io.quizplatform.platform.messaging;

/** One parked record with its value as it was consumed (the event envelope's JSON, or whatever was not one). */
public record DeadLetterDetail(DeadLetterEntry entry, String value) {
}
