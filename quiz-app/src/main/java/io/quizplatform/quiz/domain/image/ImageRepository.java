package io.quizplatform.quiz.domain.image;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/** Where accepted images are kept (quiz_db, so a database restore brings them back). */
public interface ImageRepository {

    Optional<Image> find(String id);

    /** Stores the image unless one with its id is there; true when it was new. Safe against a concurrent same add. */
    boolean add(Image image);

    /** Which of these ids are stored. */
    Set<String> existing(Collection<String> ids);
}
