package io.quizplatform.quiz.domain.quiz;

import io.quizplatform.quiz.domain.ConcurrentChange;
import io.quizplatform.quiz.domain.StoredEvent;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Quizzes in the event store (the event store implements it); {@link #append} needs the caller's transaction. */
public interface QuizEvents {

    Optional<Quiz> load(UUID quizId);

    /** Every event of the quiz, oldest first. */
    List<StoredEvent> history(UUID quizId);

    /** Every quiz, in the order it was created. */
    List<UUID> allQuizIds();

    /** Whether this command already changed the quiz (a request sent again). */
    boolean alreadyApplied(UUID quizId, String commandId);

    /** Appends the quiz's pending events; throws {@link ConcurrentChange} if another writer was first. */
    void append(Quiz quiz, String actorId, String commandId);
}
