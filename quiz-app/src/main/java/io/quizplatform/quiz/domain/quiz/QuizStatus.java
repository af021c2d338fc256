package io.quizplatform.quiz.domain.quiz;

/** Draft while being written, published when it can be played, archived when retired (kept, not playable). */
public enum QuizStatus {
    DRAFT, PUBLISHED, ARCHIVED
}
