package io.quizplatform.quiz.domain.quiz;

/**
 * The quiz read model (the projection implements it), written in the transaction that appends the quiz's events,
 * and rebuilt from the event store alone; read by id through {@link QuizDetails}.
 */
public interface QuizCatalogue extends QuizDetails {

    /** Puts the quiz's current state in the read model, unless a newer version is there. */
    void project(Quiz quiz);

    /** Empties the read model before a rebuild. */
    void clear();
}
