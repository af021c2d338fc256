package io.quizplatform.quiz.domain.quiz;

/** One option of a choice question. {@code correct} never leaves the server before the question closes. */
public record AnswerOption(String id, String text, boolean correct) {
}
