package io.quizplatform.platform.api;

import java.util.OptionalLong;

/**
 * A service's own, larger body limit for particular endpoints (quiz-app: an image upload, a quiz import with its
 * images), so the general {@code http.max.body.bytes} can stay small for everything else. A CDI bean of the
 * service implements it; {@link RequestSizeLimit} asks it before the request is matched.
 */
public interface LargerBodies {

    /** The limit for this request, or empty for the general one. {@code path} is relative to the JAX-RS application, without a leading slash. */
    OptionalLong maxBytes(String method, String path);
}
