package io.quizplatform.quiz.application;

import io.quizplatform.quiz.domain.quiz.QuizDetail;
import io.quizplatform.quiz.domain.quiz.QuizSettings;

import java.util.List;

/**
 * The export and import format: a quiz as its owner sees it ({@link QuizDetail}'s fields) plus the uploaded images
 * its questions show, so the quiz moves to another installation with its pictures. An import takes the title,
 * description, settings, questions and images; the id, owner, status and version are the exported quiz's, which a
 * file written by hand may leave out.
 */
public record QuizDocument(String id, String ownerId, String title, String description, QuizSettings settings,
                           String status, Long version, String copiedFrom, List<QuizDetail.QuestionView> questions,
                           List<ImageData> images) {

    /** One image, its stored bytes in base64; {@code id} must be their SHA-256 (hex). */
    public record ImageData(String id, String mediaType, String data) {
    }

    /**
     * The document of a quiz. A picture linked from another site (taken before such links were refused, never shown)
     * is left out, so that the document imports again.
     */
    static QuizDocument of(QuizDetail quiz, List<ImageData> images) {
        List<QuizDetail.QuestionView> questions = quiz.questions().stream()
                .map(q -> q.imageUrl() == null || io.quizplatform.quiz.domain.image.Image.isImagePath(q.imageUrl()) ? q
                        : new QuizDetail.QuestionView(q.id(), q.type(), q.text(), null, q.timeLimitSeconds(), q.points(),
                                q.options(), q.acceptedAnswers()))
                .toList();
        return new QuizDocument(quiz.id(), quiz.ownerId(), quiz.title(), quiz.description(), quiz.settings(), quiz.status(),
                quiz.version(), quiz.copiedFrom(), questions, images);
    }
}
