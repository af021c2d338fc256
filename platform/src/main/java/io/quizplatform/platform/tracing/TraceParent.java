package io.quizplatform.platform.tracing;

/**
 * A span context in its W3C Trace Context form (the {@code traceparent} and {@code tracestate} header values), as
 * the outbox keeps it beside an event so that the relay, later and on another thread, continues the trace.
 *
 * @param traceparent e.g. {@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}
 * @param tracestate  vendor entries, null when there are none
 */
public record TraceParent(String traceparent, String tracestate) {
}
