package io.quizplatform.platform.persistence;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@code @Transactional} method (or its class) whose failures its caller expects, handles and reports in one
 * line of its own: the outbox relay's step, a consumer's delivery, a step of the completion saga. On an exception
 * class: that exception is expected by whoever calls a transactional method that throws it (a concurrent change
 * that is retried or answered 412). Such a failure
 * (a database that is away, a constraint) still rolls the transaction back, but Liberty records no FFDC incident
 * for it: one per attempt would bury the incidents that matter. See {@link ClientErrorBoundary}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ReportedByCaller {
}
