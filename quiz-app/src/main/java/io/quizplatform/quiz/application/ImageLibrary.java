package io.quizplatform.quiz.application;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.quiz.domain.image.Image;
import io.quizplatform.quiz.domain.image.ImageLimits;
import io.quizplatform.quiz.domain.image.ImageRejected;
import io.quizplatform.quiz.domain.image.ImageRepository;
import io.quizplatform.quiz.domain.image.ImageRules;
import io.quizplatform.quiz.domain.quiz.Question;
import io.quizplatform.quiz.domain.quiz.QuizDetail;
import io.quizplatform.quiz.domain.quiz.RuleViolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Question images: uploads (checked by {@link ImageRules}, stored once per content), the check that a question's
 * image path names a stored image, and the images a quiz document carries. The checks that decode run before any
 * transaction, so a slow picture never holds a database connection.
 */
@ApplicationScoped
public class ImageLibrary {

    /** An import carries at most one image per question. */
    public static final int MAX_DOCUMENT_IMAGES = 100;

    @Inject
    ImageRepository repository;

    @Inject
    ServiceSettings settings;

    public record Uploaded(Image image, boolean created) {
    }

    public ImageLimits limits() {
        ImageLimits d = ImageLimits.DEFAULT;
        return new ImageLimits(Long.parseLong(settings.get("quiz.image.max.bytes", Long.toString(d.maxBytes()))),
                settings.intValue("quiz.image.max.side", d.maxSide()),
                Long.parseLong(settings.get("quiz.image.max.pixels", Long.toString(d.maxPixels()))));
    }

    /** Checks and stores an upload; the same picture again is the image already stored. Throws {@link ImageRejected}. */
    public Uploaded upload(String contentType, byte[] body) {
        Image image = ImageRules.accept(contentType, body, limits());
        return new Uploaded(image, repository.add(image));
    }

    public Optional<Image> find(String id) {
        return Image.isId(id) ? repository.find(id) : Optional.empty();
    }

    /** Refuses a question whose image path names no stored image (field {@code question.imageUrl}). */
    public Question requireStored(Question question) {
        question.uploadedImageId().ifPresent(id -> {
            if (repository.existing(List.of(id)).isEmpty()) {
                throw new RuleViolation("question.imageUrl", "image-missing",
                        "no image " + id + " is stored here; upload it first (POST /quiz/api/images)");
            }
        });
        return question;
    }

    /** The uploaded images these questions show, for an export. */
    public List<QuizDocument.ImageData> documentImages(List<QuizDetail.QuestionView> questions) {
        Set<String> ids = new LinkedHashSet<>();
        for (QuizDetail.QuestionView q : questions) {
            if (Image.isImagePath(q.imageUrl())) {
                ids.add(Image.idOfPath(q.imageUrl()));
            }
        }
        List<QuizDocument.ImageData> out = new ArrayList<>();
        for (String id : ids) {
            repository.find(id).ifPresent(image -> out.add(new QuizDocument.ImageData(image.id(), image.format().mediaType(),
                    Base64.getEncoder().encodeToString(image.bytes()))));
        }
        return out;
    }

    /**
     * Checks a document's images exactly as uploads (nothing stored yet): each must be accepted and its id must be
     * the hash of the bytes that would be stored. Errors name {@code images[i]...}.
     */
    public List<Image> acceptDocumentImages(List<QuizDocument.ImageData> images) {
        if (images == null) {
            return List.of();
        }
        if (images.size() > MAX_DOCUMENT_IMAGES) {
            throw new RuleViolation("images", "too-many-images", "a quiz carries at most " + MAX_DOCUMENT_IMAGES + " images");
        }
        List<RuleViolation.Violation> broken = new ArrayList<>();
        List<Image> accepted = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < images.size(); i++) {
            String field = "images[" + i + "]";
            QuizDocument.ImageData data = images.get(i);
            if (data == null || data.data() == null || data.mediaType() == null || data.id() == null) {
                broken.add(new RuleViolation.Violation(field, "image-incomplete", "an image needs id, mediaType and data"));
                continue;
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(data.data());
            } catch (IllegalArgumentException e) {
                broken.add(new RuleViolation.Violation(field + ".data", "base64", "must be base64"));
                continue;
            }
            try {
                Image image = ImageRules.accept(data.mediaType(), bytes, limits());
                if (!image.id().equals(data.id())) {
                    broken.add(new RuleViolation.Violation(field + ".id", "image-id", "is not the SHA-256 of the image's stored bytes"));
                } else if (seen.add(image.id())) {
                    accepted.add(image);
                }
            } catch (ImageRejected e) {
                String part = "Content-Type".equals(e.field()) ? ".mediaType" : ".data";
                broken.add(new RuleViolation.Violation(field + part, e.code(), e.getMessage()));
            }
        }
        if (!broken.isEmpty()) {
            throw new RuleViolation(broken);
        }
        return accepted;
    }

    /** Stores accepted images (in the caller's transaction, if any). */
    public void store(List<Image> images) {
        images.forEach(repository::add);
    }
}
