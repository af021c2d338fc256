package io.quizplatform.platform.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The trace context's way through record headers and outbox rows, with a real SDK recording the spans. */
class TracingTest {

    final InMemorySpanExporter exported = InMemorySpanExporter.create();
    final Tracing tracing = new Tracing(OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
            .build(), "quiz-app");

    static ProducerRecord<String, String> record() {
        ProducerRecord<String, String> record = new ProducerRecord<>("quiz-events", "game-1", "{}");
        record.headers().add("event-id", "e-1".getBytes(StandardCharsets.UTF_8));
        record.headers().add("event-type", "game.answer-received".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    static String header(ProducerRecord<String, String> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    SpanData span(String name) {
        return exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aSendIsAChildOfTheCurrentSpanAndItsRecordCarriesTheSend() {
        ProducerRecord<String, String> record = record();
        try (Traced frame = tracing.span("ws answer", "game-1")) {
            tracing.sending(record).end();
        }
        SpanData frame = span("ws answer");
        SpanData send = span("publish quiz-events");
        assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(send.getParentSpanId()).isEqualTo(frame.getSpanId());
        assertThat(send.getTraceId()).isEqualTo(frame.getTraceId());
        assertThat(header(record, "traceparent")).isEqualTo("00-" + send.getTraceId() + "-" + send.getSpanId() + "-01");
        assertThat(send.getAttributes().asMap().toString()).contains("game.answer-received", "e-1");
    }

    @Test
    void aConsumerContinuesFromTheRecordsHeaders() {
        ProducerRecord<String, String> record = record();
        tracing.sending(record).end();
        try (Traced processed = tracing.receiving("process", "answer-app", "quiz-events", "game.answer-received", "e-1",
                record.headers())) {
            assertThat(processed).isNotSameAs(Traced.NONE);
        }
        SpanData send = span("publish quiz-events");
        SpanData process = span("process quiz-events");
        assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(process.getParentSpanId()).isEqualTo(send.getSpanId());
        assertThat(process.getTraceId()).isEqualTo(send.getTraceId());
    }

    @Test
    void anOutboxRowKeepsTheTraceAndTheRelaysSendContinuesIt() {
        TraceParent kept;
        String traceId;
        String processId;
        try (Traced processing = tracing.receiving("process", "answer-app", "quiz-events", "t", "e", null)) {
            kept = tracing.current();
            traceId = processing.span().getSpanContext().getTraceId();
            processId = processing.span().getSpanContext().getSpanId();
        }
        assertThat(kept.traceparent()).isEqualTo("00-" + traceId + "-" + processId + "-01");

        // later, on the relay's thread: no current span, the row's context is the parent
        ProducerRecord<String, String> relayed = record();
        Tracing.attach(kept, relayed.headers());
        tracing.sending(relayed).end();
        SpanData send = span("publish quiz-events");
        assertThat(send.getTraceId()).isEqualTo(traceId);
        assertThat(send.getParentSpanId()).isEqualTo(processId);
        assertThat(relayed.headers().headers("traceparent")).hasSize(1);
        assertThat(header(relayed, "traceparent")).contains(send.getSpanId());
    }

    @Test
    void aTaskHandedToAnotherThreadRunsInTheTrace() throws Exception {
        AtomicReference<TraceParent> seen = new AtomicReference<>();
        Executor otherThread = task -> {
            Thread t = new Thread(task);
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        };
        String spanId;
        try (Traced frame = tracing.span("ws answer", "game-1")) {
            spanId = frame.span().getSpanContext().getSpanId();
            tracing.carrying(otherThread).execute(() -> seen.set(tracing.current()));
        }
        assertThat(seen.get().traceparent()).contains(spanId);
    }

    @Test
    void offCostsNothing() {
        Tracing off = new Tracing(OpenTelemetry.noop(), "quiz-app");
        ProducerRecord<String, String> record = record();
        Runnable task = () -> { };
        Executor executor = Runnable::run;

        assertThat(off.enabled()).isFalse();
        assertThat(off.span("ws answer", "game-1")).isSameAs(Traced.NONE);
        assertThat(off.sending(record)).isSameAs(Traced.NONE);
        assertThat(off.receiving("process", "c", "t", "x", "y", new RecordHeaders())).isSameAs(Traced.NONE);
        assertThat(off.current()).isNull();
        assertThat(off.carry(task)).isSameAs(task);
        assertThat(off.carrying(executor)).isSameAs(executor);
        assertThat(record.headers().lastHeader("traceparent")).isNull();
    }

    @Test
    void noParentNoHeaderWrittenByHand() {
        ProducerRecord<String, String> record = record();
        Tracing.attach(null, record.headers());
        Tracing.attach(new TraceParent(null, null), record.headers());
        assertThat(List.of(record.headers().toArray())).hasSize(2);
    }
}
