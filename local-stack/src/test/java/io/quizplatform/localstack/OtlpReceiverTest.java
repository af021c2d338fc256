package io.quizplatform.localstack;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The receiver takes what an OTLP/HTTP exporter posts and shows the spans by trace or attribute. */
class OtlpReceiverTest {

    static KeyValue kv(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    static ByteString bytes(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    @Test
    void spansPostedAsProtobufAreShownByTraceAndByAttribute() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        OtlpReceiver receiver = new OtlpReceiver(port);
        receiver.start();
        try {
            String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
            ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                    .addResourceSpans(ResourceSpans.newBuilder()
                            .setResource(Resource.newBuilder().addAttributes(kv("service.name", "quiz-platform")))
                            .addScopeSpans(ScopeSpans.newBuilder()
                                    .setScope(InstrumentationScope.newBuilder().setName("io.quizplatform.quiz-app"))
                                    .addSpans(Span.newBuilder().setTraceId(bytes(trace)).setSpanId(bytes("00f067aa0ba902b7"))
                                            .setName("ws answer").setKind(Span.SpanKind.SPAN_KIND_SERVER)
                                            .addAttributes(kv("quiz.game.id", "g-1")))
                                    .addSpans(Span.newBuilder().setTraceId(bytes(trace)).setSpanId(bytes("00f067aa0ba902b8"))
                                            .setParentSpanId(bytes("00f067aa0ba902b7")).setName("publish quiz-events")
                                            .setKind(Span.SpanKind.SPAN_KIND_PRODUCER))))
                    .build();
            HttpResponse<Void> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(receiver.endpoint() + "/v1/traces"))
                    .header("Content-Type", "application/x-protobuf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray())).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(posted.statusCode()).isEqualTo(200);
            HttpResponse<Void> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(receiver.endpoint() + "/v1/metrics"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0])).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(metrics.statusCode()).isEqualTo(200);

            List<Map<String, Object>> byTrace = receiver.query(Map.of("traceId", trace));
            assertThat(byTrace).extracting(s -> s.get("name")).containsExactly("ws answer", "publish quiz-events");
            assertThat(byTrace.get(1)).containsEntry("parentSpanId", "00f067aa0ba902b7").containsEntry("kind", "PRODUCER")
                    .containsEntry("scope", "io.quizplatform.quiz-app").containsEntry("service", "quiz-platform");
            assertThat(receiver.query(Map.of("attribute", "quiz.game.id", "value", "g-1"))).extracting(s -> s.get("spanId"))
                    .containsExactly("00f067aa0ba902b7");
            assertThat(receiver.query(Map.of("traceId", "0".repeat(32)))).isEmpty();
            assertThat(Json.write(byTrace)).startsWith("[{\"traceId\":\"" + trace + "\"");
        } finally {
            receiver.stop();
        }
    }
}
