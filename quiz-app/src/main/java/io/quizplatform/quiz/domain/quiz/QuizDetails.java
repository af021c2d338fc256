package io.quizplatform.quiz.domain.quiz;

import java.util.Optional;
import java.util.UUID;

/**
 * The quizzes as published, read by id: the narrow part of {@link QuizCatalogue} the live game needs (the questions
 * of a game created before games kept their own copy).
 */
@FunctionalInterface
public interface QuizDetails {

    Optional<QuizDetail> detail(UUID quizId);
}
