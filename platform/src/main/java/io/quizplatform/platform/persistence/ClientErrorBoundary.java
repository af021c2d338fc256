package io.quizplatform.platform.persistence;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets a client error ({@code ProblemException}: a wrong password, a refused command) leave a {@code @Transactional}
 * method without Liberty writing an FFDC incident for it. Liberty's transaction interceptor records an FFDC for
 * every unchecked exception that leaves a transaction (and none for a checked one): right for a bug, noise for a 4xx.
 * So {@link ClientErrorBoundaryInterceptors.Inner} (inside the transaction) marks the transaction rollback-only, as
 * Liberty would, and carries the exception across it as a checked one; {@link ClientErrorBoundaryInterceptors.Outer}
 * (outside) throws the original again. Callers see exactly what the method threw, and the transaction rolls back as
 * before. The same goes for any failure of a method marked {@link ReportedByCaller}.
 * <p>
 * Added by {@link ClientErrorBoundaryExtension} to every bean with a {@code @Transactional} method; nobody writes it.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ClientErrorBoundary {

    final class Literal extends AnnotationLiteral<ClientErrorBoundary> implements ClientErrorBoundary {
        public static final Literal INSTANCE = new Literal();
        private static final long serialVersionUID = 1L;
    }
}
