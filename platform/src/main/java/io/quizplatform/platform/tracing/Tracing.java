package io.quizplatform.platform.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.quizplatform.platform.ServiceSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The spans of an answer's journey and the trace context between them: Kafka record headers and outbox rows carry it
 * in the W3C Trace Context form ({@code traceparent}, {@code tracestate}) written and read by the standard
 * propagator. The {@link OpenTelemetry} is Liberty's (mpTelemetry), configured by the operator's {@code OTEL_*}
 * settings; with the SDK disabled (the default) every method returns at once on a boolean, without allocating, so
 * the answer burst pays nothing for tracing it does not use.
 */
@ApplicationScoped
public class Tracing {

    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";

    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation");
    static final AttributeKey<String> CONSUMER_GROUP = AttributeKey.stringKey("messaging.kafka.consumer.group");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("quiz.event.type");
    static final AttributeKey<String> SERVICE = AttributeKey.stringKey("quiz.service");
    static final AttributeKey<String> GAME = AttributeKey.stringKey("quiz.game.id");

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    @Inject
    Instance<OpenTelemetry> telemetry;

    @Inject
    ServiceSettings settings;

    private boolean enabled;
    private Tracer tracer;
    private String service;

    /** For CDI. */
    protected Tracing() {
    }

    /** Tracing that is off, for tests of classes that trace. */
    public static Tracing off() {
        return new Tracing();
    }

    /** Tracing through the given OpenTelemetry (tests); off when it is the no-op one. */
    public Tracing(OpenTelemetry openTelemetry, String service) {
        use(openTelemetry, service);
    }

    @PostConstruct
    void init() {
        if (telemetry.isResolvable()) {
            use(telemetry.get(), settings.serviceName());
        }
    }

    private void use(OpenTelemetry openTelemetry, String serviceName) {
        service = serviceName;
        tracer = openTelemetry.getTracer("io.quizplatform." + serviceName);
        // A disabled SDK (otel.sdk.disabled=true, the default) hands out no-op spans with invalid contexts. The probe
        // is never ended, so it is never exported.
        enabled = tracer.spanBuilder("probe").startSpan().getSpanContext().isValid();
    }

    /** Whether spans are recorded at all: callers skip gathering what only a span would use. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * A span of a game's request that came in by other means than HTTP (a socket frame), child of the current span if
     * any, current until closed.
     */
    public Traced span(String name, String gameId) {
        if (!enabled) {
            return Traced.NONE;
        }
        Span span = tracer.spanBuilder(name).setSpanKind(SpanKind.SERVER).setAttribute(SERVICE, service)
                .setAttribute(GAME, gameId).startSpan();
        return new Traced(span, span.makeCurrent());
    }

    /**
     * Starts the span of sending a record: its parent is the trace context the record already carries (an outbox row's,
     * set by the relay) or else the current span; the record's headers then carry the new span, so the consumer
     * continues from it. End it when the broker answered; nothing is made current.
     */
    public Traced sending(ProducerRecord<String, String> record) {
        if (!enabled) {
            return Traced.NONE;
        }
        Context parent = record.headers().lastHeader(TRACEPARENT) != null
                ? W3C.extract(Context.root(), record.headers(), HEADERS) : Context.current();
        Span span = tracer.spanBuilder("publish " + record.topic()).setParent(parent).setSpanKind(SpanKind.PRODUCER)
                .setAttribute(MESSAGING_SYSTEM, "kafka").setAttribute(DESTINATION, record.topic())
                .setAttribute(OPERATION, "publish").setAttribute(SERVICE, service)
                .setAttribute(EVENT_TYPE, header(record.headers(), "event-type"))
                .setAttribute(MESSAGE_ID, header(record.headers(), "event-id"))
                .startSpan();
        record.headers().remove(TRACEPARENT);
        record.headers().remove(TRACESTATE);
        W3C.inject(parent.with(span), record.headers(), HEADERS);
        return new Traced(span, null);
    }

    /**
     * The span of applying (or pushing on) one event read from Kafka, child of the span that sent it as the record's
     * headers say (no headers: of the current span), current until closed.
     *
     * @param operation "process" (a consumer applies it) or "push" (it goes on to the sockets)
     */
    public Traced receiving(String operation, String consumer, String topic, String eventType, String eventId,
                            Headers headers) {
        if (!enabled) {
            return Traced.NONE;
        }
        Context parent = headers != null && headers.lastHeader(TRACEPARENT) != null
                ? W3C.extract(Context.current(), headers, HEADERS) : Context.current();
        SpanBuilder builder = tracer.spanBuilder(operation + " " + topic).setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute(MESSAGING_SYSTEM, "kafka").setAttribute(DESTINATION, topic)
                .setAttribute(OPERATION, operation).setAttribute(CONSUMER_GROUP, consumer).setAttribute(SERVICE, service);
        if (eventType != null) {
            builder.setAttribute(EVENT_TYPE, eventType);
        }
        if (eventId != null) {
            builder.setAttribute(MESSAGE_ID, eventId);
        }
        Span span = builder.startSpan();
        return new Traced(span, span.makeCurrent());
    }

    /** The current span's context in its W3C form, for an outbox row; null when there is none (or tracing is off). */
    public TraceParent current() {
        if (!enabled || !Span.current().getSpanContext().isValid()) {
            return null;
        }
        String[] carrier = new String[2];
        W3C.inject(Context.current(), carrier, (c, key, value) -> c[TRACEPARENT.equals(key) ? 0 : 1] = value);
        return carrier[0] == null ? null : new TraceParent(carrier[0], carrier[1]);
    }

    /** Puts a stored trace context on a record (the outbox relay), for {@link #sending} to continue from. */
    public static void attach(TraceParent parent, Headers headers) {
        if (parent == null || parent.traceparent() == null) {
            return;
        }
        headers.add(TRACEPARENT, parent.traceparent().getBytes(StandardCharsets.UTF_8));
        if (parent.tracestate() != null) {
            headers.add(TRACESTATE, parent.tracestate().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The current trace context, kept to run work in later on this thread: what a consumer batch defers to its end
     * (a tally, a board) continues the span of the event that asked for it, not the batch's last one. Runs the work as
     * it is when there is no context.
     */
    public Consumer<Runnable> resumable() {
        if (!enabled || !Span.current().getSpanContext().isValid()) {
            return Runnable::run;
        }
        Context context = Context.current();
        return task -> context.wrap(task).run();
    }

    /** The task with the current trace context, for another thread (the same task when there is nothing to carry). */
    public Runnable carry(Runnable task) {
        if (!enabled || !Span.current().getSpanContext().isValid()) {
            return task;
        }
        return Context.current().wrap(task);
    }

    /** An executor whose tasks run in the trace context of whoever hands them over (the same one when tracing is off). */
    public Executor carrying(Executor executor) {
        if (!enabled) {
            return executor;
        }
        return task -> executor.execute(carry(task));
    }

    private static String header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Kafka headers as the propagator's carrier: the last value of a key wins, a new value replaces the old. */
    static final Getter HEADERS = new Getter();

    static final class Getter implements TextMapGetter<Headers>, TextMapSetter<Headers> {
        @Override
        public Iterable<String> keys(Headers carrier) {
            List<String> keys = new java.util.ArrayList<>();
            carrier.forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public String get(Headers carrier, String key) {
            if (carrier == null) {
                return null;
            }
            Header header = carrier.lastHeader(key);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }

        @Override
        public void set(Headers carrier, String key, String value) {
            if (carrier != null) {
                carrier.remove(key);
                carrier.add(key, value.getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
