package io.quizplatform.quiz.api;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.api.LargerBodies;
import io.quizplatform.quiz.application.ImageLibrary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.OptionalLong;

/**
 * The two quiz-app endpoints whose bodies may exceed {@code http.max.body.bytes}: an image upload (up to
 * {@code quiz.image.max.bytes}, one byte more so the resource itself names the body when it is too large) and a
 * quiz import, which carries its images in base64 ({@code quiz.import.max.bytes}, default 16 MiB).
 */
@ApplicationScoped
public class QuizBodyLimits implements LargerBodies {

    public static final long DEFAULT_IMPORT_MAX_BYTES = 16L * 1024 * 1024;

    @Inject
    ImageLibrary images;

    @Inject
    ServiceSettings settings;

    @Override
    public OptionalLong maxBytes(String method, String path) {
        if (!"POST".equals(method)) {
            return OptionalLong.empty();
        }
        if (path.equals("images") || path.equals("images/")) {
            return OptionalLong.of(images.limits().maxBytes() + 1);
        }
        if (path.equals("quizzes/import")) {
            return OptionalLong.of(importMaxBytes());
        }
        return OptionalLong.empty();
    }

    public long importMaxBytes() {
        return Long.parseLong(settings.get("quiz.import.max.bytes", Long.toString(DEFAULT_IMPORT_MAX_BYTES)));
    }
}
