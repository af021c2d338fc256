package io.quizplatform.quiz.application;

import io.quizplatform.quiz.domain.quiz.QuizCatalogue;
import io.quizplatform.quiz.domain.quiz.QuizEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.UUID;

/** Rebuilds the quiz read model from the event store alone (an admin command; also after a projection bug fix). */
@ApplicationScoped
public class QuizReplay {

    @Inject
    QuizEvents store;

    @Inject
    QuizCatalogue projection;

    public record Result(int quizzes) {
    }

    @Transactional
    public Result rebuild() {
        projection.clear();
        int count = 0;
        for (UUID id : store.allQuizIds()) {
            store.load(id).ifPresent(projection::project);
            count++;
        }
        return new Result(count);
    }
}
