package io.quizplatform.platform.persistence;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.transaction.Transactional;

/** Puts {@link ClientErrorBoundary} on every bean that has a {@code @Transactional} method (or is one). */
public class ClientErrorBoundaryExtension implements Extension {

    <T> void transactional(@Observes @WithAnnotations(Transactional.class) ProcessAnnotatedType<T> type) {
        Class<T> bean = type.getAnnotatedType().getJavaClass();
        if (bean.isInterface() || !ownModule(bean)) {
            return;
        }
        type.configureAnnotatedType().add(ClientErrorBoundary.Literal.INSTANCE);
    }

    /**
     * In the EAR every module has its own copy of this library, and each copy of this extension is shown every
     * module's types: without this check a bean got the binding once per module, and every transactional call
     * went through four pairs of these interceptors. A bean gets it from the copy its own module sees.
     */
    private static boolean ownModule(Class<?> bean) {
        try {
            return Class.forName(ClientErrorBoundary.class.getName(), false, bean.getClassLoader()) == ClientErrorBoundary.class;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
