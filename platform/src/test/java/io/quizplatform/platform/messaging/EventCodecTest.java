package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.EventEnvelope;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    static final Instant AT = Instant.parse("2026-12-02T07:00:00.123456Z");

    static EventEnvelope event(String payloadJson) {
        return new EventEnvelope("e-1", "game.answer-received", "answer", "game-1", 7, AT, payloadJson);
    }

    static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    @Test
    void theWireFormIsTheEnvelopeWithThePayloadAsANestedObject() {
        String wire = EventCodec.encode(event("{\"playerId\":\"p-1\",\"optionIds\":[\"a\"]}"));

        JsonObject o = parse(wire);
        assertThat(o.getString("id")).isEqualTo("e-1");
        assertThat(o.getString("type")).isEqualTo("game.answer-received");
        assertThat(o.getString("aggregateType")).isEqualTo("answer");
        assertThat(o.getString("aggregateId")).isEqualTo("game-1");
        assertThat(o.getJsonNumber("version").longValueExact()).isEqualTo(7);
        assertThat(o.getString("occurredAt")).isEqualTo("2026-12-02T07:00:00.123456Z");
        assertThat(o.getJsonObject("payload").getString("playerId")).isEqualTo("p-1");
    }

    @Test
    void aDecodedEventIsTheOneEncoded() {
        String payload = "{\"text\":\"} { \\\" \\\\ ü 😀\",\"nested\":{\"list\":[1,{\"x\":\"}\"}],\"empty\":{}}}";
        EventEnvelope event = event(payload);

        assertThat(EventCodec.decode(EventCodec.encode(event))).isEqualTo(event);
    }

    @Test
    void envelopeTextIsEscaped() {
        EventEnvelope event = new EventEnvelope("id \"quoted\" \\ \n", "t", "a", "agg\u0001", 1, AT, "{}");

        String wire = EventCodec.encode(event);

        assertThat(parse(wire).getString("id")).isEqualTo("id \"quoted\" \\ \n");
        assertThat(EventCodec.decode(wire)).isEqualTo(event);
    }

    @Test
    void aPayloadReadBackFromTheDatabaseWithSpacesTravelsAsItIs() {
        EventEnvelope event = event(" {\"a\": 1, \"b\": [true, null]} ");

        EventEnvelope decoded = EventCodec.decode(EventCodec.encode(event));

        assertThat(decoded.payloadJson()).isEqualTo("{\"a\": 1, \"b\": [true, null]}");
    }

    @Test
    void anotherProducersLayoutIsReadToo() {
        String wire = """
                { "payload" : { "a" : "}" } , "version" : 2, "extra": [{"x": {}}], "occurredAt": "2026-12-02T07:00:00Z",
                  "aggregateId": "g", "aggregateType": "game", "type": "game.started", "id": "e" }
                """;

        EventEnvelope decoded = EventCodec.decode(wire);

        assertThat(decoded.payloadJson()).isEqualTo("{ \"a\" : \"}\" }");
        assertThat(decoded.version()).isEqualTo(2);
        assertThat(decoded.type()).isEqualTo("game.started");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not json",
            "[]",
            "{\"id\":\"e\"}",
            "{\"id\":\"e\",\"type\":\"t\",\"aggregateType\":\"a\",\"aggregateId\":\"g\",\"version\":1,\"occurredAt\":\"2026-12-02T07:00:00Z\"}",
            "{\"id\":\"e\",\"type\":\"t\",\"aggregateType\":\"a\",\"aggregateId\":\"g\",\"version\":1,\"occurredAt\":\"2026-12-02T07:00:00Z\",\"payload\":[]}",
            "{\"id\":\"e\",\"type\":\"t\",\"aggregateType\":\"a\",\"aggregateId\":\"g\",\"version\":1,\"occurredAt\":\"2026-12-02T07:00:00Z\",\"payload\":null}",
            "{\"id\":\"e\",\"type\":\"t\",\"aggregateType\":\"a\",\"aggregateId\":\"g\",\"version\":1.5,\"occurredAt\":\"2026-12-02T07:00:00Z\",\"payload\":{}}",
            "{\"id\":\"e\",\"type\":\"t\",\"aggregateType\":\"a\",\"aggregateId\":\"g\",\"version\":9223372036854775808,\"occurredAt\":\"2026-12-02T07:00:00Z\",\"payload\":{}}",
            "{\"id\":\"e\",\"type\":\"t\",\"aggregateType\":\"a\",\"aggregateId\":\"g\",\"version\":0,\"occurredAt\":\"2026-12-02T07:00:00Z\",\"payload\":{}}",
            "{\"id\":\"e\",\"type\":\"t\",\"aggregateType\":\"a\",\"aggregateId\":\"g\",\"version\":\"1\",\"occurredAt\":\"2026-12-02T07:00:00Z\",\"payload\":{}}",
            "{\"id\":7,\"type\":\"t\",\"aggregateType\":\"a\",\"aggregateId\":\"g\",\"version\":1,\"occurredAt\":\"2026-12-02T07:00:00Z\",\"payload\":{}}",
            "{\"id\":\"e\",\"type\":\"t\",\"aggregateType\":\"a\",\"aggregateId\":\"g\",\"version\":1,\"occurredAt\":\"yesterday\",\"payload\":{}}",
            "{\"id\":\"e\",\"id\":\"f\",\"type\":\"t\",\"aggregateType\":\"a\",\"aggregateId\":\"g\",\"version\":1,\"occurredAt\":\"2026-12-02T07:00:00Z\",\"payload\":{}}",
            "{\"id\":\"e\",\"type\":\"t\",\"aggregateType\":\"a\",\"aggregateId\":\"g\",\"version\":1,\"occurredAt\":\"2026-12-02T07:00:00Z\",\"payload\":{\"a\":}}",
            "{\"id\":\"e\",\"type\":\"t\",\"aggregateType\":\"a\",\"aggregateId\":\"g\",\"version\":1,\"occurredAt\":\"2026-12-02T07:00:00Z\",\"payload\":{}",
            "{\"id\":\"e\",\"type\":\"t\",\"aggregateType\":\"a\",\"aggregateId\":\"g\",\"version\":1,\"occurredAt\":\"2026-12-02T07:00:00Z\",\"payload\":{}} {}",
            "{\"extra\":[1,],\"id\":\"e\",\"type\":\"t\",\"aggregateType\":\"a\",\"aggregateId\":\"g\",\"version\":1,\"occurredAt\":\"2026-12-02T07:00:00Z\",\"payload\":{}}",
    })
    void whatIsNotAWellFormedEnvelopeIsAPoisonMessage(String wire) {
        assertThatThrownBy(() -> EventCodec.decode(wire)).isInstanceOf(EventCodec.MalformedEventException.class);
    }

    @Test
    void aPayloadThatIsNotAnObjectIsNotEncoded() {
        assertThatThrownBy(() -> EventCodec.encode(event("[1]"))).isInstanceOf(IllegalArgumentException.class);
    }
}
