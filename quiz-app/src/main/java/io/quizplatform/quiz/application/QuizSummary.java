package io.quizplatform.quiz.application;

import java.time.Instant;

/** One line of a quiz list. */
public record QuizSummary(String id, String ownerId, String title, String status, int questionCount, long version,
                          Instant updatedAt) {
}
