package io.quizplatform.quiz.application.live;

import io.quizplatform.quiz.domain.quiz.QuizDetail;

import java.util.Optional;
import java.util.UUID;

/**
 * The port to the quizzes as published (the projection): where the questions of a game created before games kept
 * their own copy are read from.
 */
public interface QuizDetails {

    Optional<QuizDetail> detail(UUID quizId);
}
