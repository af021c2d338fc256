package io.quizplatform.quiz.domain.quiz;

import java.util.List;

/**
 * What can happen to a quiz. These are the facts kept in the event store (in this order, one version each) and
 * published on {@code quiz-events}; the quiz's state is whatever replaying them gives.
 */
public sealed interface QuizEvent {

    /** The dotted type name used in the event store and on Kafka. */
    String type();

    record QuizCreated(String quizId, String ownerId, String title, String description, QuizSettings settings,
                       String copiedFrom) implements QuizEvent {
        public String type() { return "quiz.created"; }
    }

    record QuizDetailsChanged(String title, String description, QuizSettings settings) implements QuizEvent {
        public String type() { return "quiz.details-changed"; }
    }

    record QuestionAdded(Question question, int position) implements QuizEvent {
        public String type() { return "quiz.question-added"; }
    }

    record QuestionEdited(Question question) implements QuizEvent {
        public String type() { return "quiz.question-edited"; }
    }

    record QuestionRemoved(String questionId) implements QuizEvent {
        public String type() { return "quiz.question-removed"; }
    }

    record QuestionsReordered(List<String> questionIds) implements QuizEvent {
        public String type() { return "quiz.questions-reordered"; }
    }

    record QuizPublished(int questionCount) implements QuizEvent {
        public String type() { return "quiz.published"; }
    }

    record QuizArchived() implements QuizEvent {
        public String type() { return "quiz.archived"; }
    }
}
