package io.quizplatform.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

/**
 * A span started by {@link Tracing}, current on this thread until {@link #close()} when it was opened as a scope.
 * With tracing off every method is a no-op on the one shared {@link #NONE}, so a traced spot costs nothing then.
 */
public final class Traced implements AutoCloseable {

    /** What every start returns while tracing is off. */
    public static final Traced NONE = new Traced(null, null);

    private final Span span;
    private final Scope scope;

    Traced(Span span, Scope scope) {
        this.span = span;
        this.scope = scope;
    }

    /** Marks the span as failed (it still has to be closed or ended). */
    public void failed(Throwable error) {
        if (span != null) {
            span.recordException(error);
            span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
        }
    }

    /** Ends a span that was not made current (a send whose acknowledgement comes on another thread). */
    public void end() {
        if (span != null) {
            span.end();
        }
    }

    /** Leaves the span's scope (on the thread that opened it) and ends the span. */
    @Override
    public void close() {
        if (span != null) {
            if (scope != null) {
                scope.close();
            }
            span.end();
        }
    }

    Span span() {
        return span;
    }
}
