package io.quizplatform.quiz.domain.quiz;

import java.util.Optional;
import java.util.UUID;

/**
 * The quiz read model (the projection implements it), written in the transaction that appends the quiz's events,
 * and rebuilt from the event store alone.
 */
public interface QuizCatalogue {

    /** Puts the quiz's current state in the read model, unless a newer version is there. */
    void project(Quiz quiz);

    /** Empties the read model before a rebuild. */
    void clear();

    Optional<QuizDetail> detail(UUID quizId);
}
