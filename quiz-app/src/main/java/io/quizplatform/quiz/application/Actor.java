package io.quizplatform.quiz.application;

/** Who is asking: the token's subject, and whether they are an admin (who may see and change any quiz). */
public record Actor(String userId, boolean admin) {
}
