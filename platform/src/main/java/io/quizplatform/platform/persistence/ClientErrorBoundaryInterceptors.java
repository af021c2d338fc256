package io.quizplatform.platform.persistence;

import io.quizplatform.platform.Failures;
import io.quizplatform.platform.api.ProblemException;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** The two halves of {@link ClientErrorBoundary}, around and inside the transaction interceptor (priority 200). */
public final class ClientErrorBoundaryInterceptors {

    private ClientErrorBoundaryInterceptors() {
    }

    /**
     * How many {@link ReportedByCaller} calls this thread is inside: their failures leave every transaction boundary
     * below them (a MANDATORY repository method, say) without an FFDC too.
     */
    private static final ThreadLocal<int[]> REPORTED_BY_CALLER = ThreadLocal.withInitial(() -> new int[1]);

    private static boolean reportedByCaller(InvocationContext invocation) {
        return invocation.getMethod() != null
                && (invocation.getMethod().isAnnotationPresent(ReportedByCaller.class)
                || invocation.getMethod().getDeclaringClass().isAnnotationPresent(ReportedByCaller.class));
    }

    /**
     * Outside the transaction: the original client error again. The transaction interceptor hands a checked exception
     * on wrapped in a {@code TransactionalException}; that wrapper is dropped too.
     */
    @Interceptor
    @ClientErrorBoundary
    @Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
    public static class Outer {

        @AroundInvoke
        public Object unwrap(InvocationContext invocation) throws Exception {
            boolean reported = reportedByCaller(invocation);
            if (reported) {
                REPORTED_BY_CALLER.get()[0]++;
            }
            try {
                return invocation.proceed();
            } catch (ClientErrorInTransit e) {
                throw e.clientError();
            } catch (RuntimeException e) {
                throw unwrapped(e);
            } finally {
                if (reported) {
                    REPORTED_BY_CALLER.get()[0]--;
                }
            }
        }

        static RuntimeException unwrapped(RuntimeException e) {
            for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
                if (c instanceof ClientErrorInTransit transit) {
                    return transit.clientError();
                }
            }
            return e;
        }
    }

    /**
     * Inside the transaction: a client error, an exception whose class is marked {@link ReportedByCaller}, any
     * failure within a {@link ReportedByCaller} call, or a database out of reach, rolls it back and crosses it as a checked exception. Anything else (a bug) leaves as it came, and Liberty records its FFDC.
     */
    @Interceptor
    @ClientErrorBoundary
    @Priority(Interceptor.Priority.LIBRARY_BEFORE)
    public static class Inner {

        @Resource
        TransactionSynchronizationRegistry transaction;

        @AroundInvoke
        public Object wrap(InvocationContext invocation) throws Exception {
            try {
                return invocation.proceed();
            } catch (RuntimeException e) {
                // A database out of reach is not a bug either: every caller says it in a line of its own (a 503 with
                // its incident id, a retry's warning), and one FFDC incident per attempt would bury the ones that matter.
                if (!(e instanceof ProblemException) && !e.getClass().isAnnotationPresent(ReportedByCaller.class)
                        && REPORTED_BY_CALLER.get()[0] == 0 && !Failures.databaseUnreachable(e)) {
                    throw e;
                }
                int status = transaction.getTransactionStatus();
                if (status == Status.STATUS_ACTIVE || status == Status.STATUS_MARKED_ROLLBACK) {
                    transaction.setRollbackOnly();
                }
                throw new ClientErrorInTransit(e);
            }
        }

    }
}
