package io.quizplatform.localstack;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A small OTLP/HTTP receiver (protobuf, {@code POST /v1/traces}) for the stack's Liberty: the spans the servers
 * export when tracing is on are kept in memory (the newest {@value #KEPT}) and shown by the control API
 * ({@code GET /spans?traceId=...} or {@code ?attribute=key&value=...}), so a developer or a test sees a trace without a
 * collector. Metrics and logs requests are accepted and dropped, so no exporter ever reports an error.
 */
final class OtlpReceiver {

    static final int KEPT = 50_000;

    /** One received span, flattened for JSON. */
    record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, String kind, String scope,
                        String service, Map<String, String> attributes) {

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("traceId", traceId);
            json.put("spanId", spanId);
            json.put("parentSpanId", parentSpanId);
            json.put("name", name);
            json.put("kind", kind);
            json.put("scope", scope);
            json.put("service", service);
            json.put("attributes", attributes);
            return json;
        }
    }

    private final int port;
    private final ArrayDeque<ReceivedSpan> spans = new ArrayDeque<>();
    private HttpServer server;
    private ExecutorService executor;

    OtlpReceiver(int port) {
        this.port = port;
    }

    int port() {
        return port;
    }

    /** Where OTEL_EXPORTER_OTLP_ENDPOINT points the servers. */
    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    synchronized void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "otlp-receiver");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            byte[] bytes = body.readAllBytes();
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (exchange.getRequestURI().getPath().equals("/v1/traces")) {
                try {
                    receive(ExportTraceServiceRequest.parseFrom(bytes));
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    Log.error("otlp receiver: not an ExportTraceServiceRequest (" + e.getMessage() + ")");
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
            }
            // An empty response of the signal's type is the same empty message for traces, metrics and logs.
            byte[] ok = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, ok.length == 0 ? -1 : ok.length);
            if (ok.length > 0) {
                exchange.getResponseBody().write(ok);
            }
        }
    }

    void receive(ExportTraceServiceRequest request) {
        List<ReceivedSpan> received = new ArrayList<>();
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            String service = attributes(resourceSpans.getResource()).getOrDefault("service.name", "");
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                String scope = scopeSpans.getScope().getName();
                for (Span span : scopeSpans.getSpansList()) {
                    received.add(new ReceivedSpan(hex(span.getTraceId()), hex(span.getSpanId()), hex(span.getParentSpanId()),
                            span.getName(), span.getKind().name().replace("SPAN_KIND_", ""), scope, service,
                            attributes(span.getAttributesList())));
                }
            }
        }
        synchronized (spans) {
            spans.addAll(received);
            while (spans.size() > KEPT) {
                spans.removeFirst();
            }
        }
    }

    /** The kept spans that match, oldest first. */
    List<ReceivedSpan> spans(Predicate<ReceivedSpan> filter) {
        synchronized (spans) {
            return spans.stream().filter(filter).toList();
        }
    }

    /**
     * The spans a control API query asks for: {@code traceId=...} for one trace, or {@code attribute=...&value=...} for
     * the spans with that attribute; all kept spans without either.
     */
    List<Map<String, Object>> query(Map<String, String> parameters) {
        String traceId = parameters.get("traceId");
        String attribute = parameters.get("attribute");
        String value = parameters.get("value");
        return spans(s -> (traceId == null || traceId.equals(s.traceId()))
                && (attribute == null || (value == null ? s.attributes().containsKey(attribute)
                : value.equals(s.attributes().get(attribute)))))
                .stream().map(ReceivedSpan::toJson).toList();
    }

    private static Map<String, String> attributes(Resource resource) {
        return attributes(resource.getAttributesList());
    }

    private static Map<String, String> attributes(List<KeyValue> values) {
        Map<String, String> map = new LinkedHashMap<>();
        for (KeyValue kv : values) {
            map.put(kv.getKey(), text(kv.getValue()));
        }
        return map;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            default -> value.toString().strip();
        };
    }

    private static String hex(ByteString bytes) {
        return bytes.isEmpty() ? "" : HexFormat.of().formatHex(bytes.toByteArray());
    }
}
