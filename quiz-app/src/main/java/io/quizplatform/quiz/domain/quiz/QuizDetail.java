package io.quizplatform.quiz.domain.quiz;

import java.util.List;

/**
 * A quiz as its owner edits it (with the correct answers: this view is for the host, never for players). Kept in
 * the quiz_view read model and returned by the API; also the documented export format (with {@code format}).
 */
public record QuizDetail(String id, String ownerId, String title, String description, QuizSettings settings,
                         String status, long version, String copiedFrom, List<QuestionView> questions) {

    public record OptionView(String id, String text, boolean correct) {
    }

    public record QuestionView(String id, String type, String text, String imageUrl, int timeLimitSeconds, int points,
                               List<OptionView> options, List<String> acceptedAnswers) {
        static QuestionView of(Question q) {
            return new QuestionView(q.id(), q.type().wireName(), q.text(), q.imageUrl(), q.timeLimitSeconds(), q.points(),
                    q.options().stream().map(o -> new OptionView(o.id(), o.text(), o.correct())).toList(), q.acceptedAnswers());
        }
    }

    public static QuizDetail of(Quiz quiz) {
        return new QuizDetail(quiz.id(), quiz.ownerId(), quiz.title(), quiz.description(), quiz.settings(),
                quiz.status().name().toLowerCase(), quiz.version(), quiz.copiedFrom(),
                quiz.questions().stream().map(QuestionView::of).toList());
    }

    public static List<AnswerOption> options(List<OptionView> views) {
        return views == null ? List.of() : views.stream().map(o -> new AnswerOption(o.id(), o.text(), o.correct())).toList();
    }
}
