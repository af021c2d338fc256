package io.quizplatform.quiz.api;

import io.quizplatform.quiz.domain.quiz.QuizDetail;
import io.quizplatform.quiz.domain.quiz.QuizSettings;

import java.util.List;

/**
 * Someone else's published quiz as any host reads it: its questions and options without which are correct and
 * without the accepted answers. A quiz of the shared library may be the one a class is playing right now, and an
 * account costs nothing, so its answers are its owner's (and admins') alone; nor may another host copy, export or
 * host it.
 */
public record QuizPreview(String id, String ownerId, String title, String description, QuizSettings settings,
                          String status, long version, String copiedFrom, boolean answersShown,
                          List<QuestionPreview> questions) {

    public record OptionPreview(String id, String text) {
    }

    public record QuestionPreview(String id, String type, String text, String imageUrl, int timeLimitSeconds, int points,
                                  List<OptionPreview> options) {
    }

    static QuizPreview of(QuizDetail quiz) {
        return new QuizPreview(quiz.id(), quiz.ownerId(), quiz.title(), quiz.description(), quiz.settings(), quiz.status(),
                quiz.version(), quiz.copiedFrom(), false, quiz.questions().stream()
                .map(q -> new QuestionPreview(q.id(), q.type(), q.text(), q.imageUrl(), q.timeLimitSeconds(), q.points(),
                        q.options() == null ? List.of()
                                : q.options().stream().map(o -> new OptionPreview(o.id(), o.text())).toList()))
                .toList());
    }
}
