package io.quizplatform.platform.persistence;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.transaction.Transactional;

/** Puts {@link ClientErrorBoundary} on every bean that has a {@code @Transactional} method (or is one). */
public class ClientErrorBoundaryExtension implements Extension {

    <T> void transactional(@Observes @WithAnnotations(Transactional.class) ProcessAnnotatedType<T> type) {
        if (type.getAnnotatedType().getJavaClass().isInterface()) {
            return;
        }
        type.configureAnnotatedType().add(ClientErrorBoundary.Literal.INSTANCE);
    }
}
