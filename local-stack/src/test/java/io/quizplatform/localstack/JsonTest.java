package io.quizplatform.localstack;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(Json.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(Json.quote("line1\nline2\r\t")).isEqualTo("\"line1\\nline2\\r\\t\"");
        assertThat(Json.quote("\u0001\u001f")).isEqualTo("\"\\u0001\\u001f\"");
        assertThat(Json.quote("\u2028")).isEqualTo("\"\\u2028\"");
        assertThat(Json.quote("héllo €")).isEqualTo("\"héllo €\"");
    }

    @Test
    void writesNestedMapsNumbersBooleansAndNull() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("state", "up");
        inner.put("port", 29092);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("ready", true);
        root.put("kafka", inner);
        root.put("missing", null);
        root.put("path", "C:\\tmp\\\"x\"");

        assertThat(Json.write(root)).isEqualTo(
                "{\"ready\":true,\"kafka\":{\"state\":\"up\",\"port\":29092},\"missing\":null,"
                        + "\"path\":\"C:\\\\tmp\\\\\\\"x\\\"\"}");
    }

    @Test
    void statusHeadIsReadableByTheControlClient() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("profile", "test");
        status.put("pid", 1234L);
        status.put("ready", true);
        status.put("components", Map.of());

        ControlClient.Status parsed = ControlClient.Status.parse(Json.write(status)).orElseThrow();

        assertThat(parsed.pid()).isEqualTo(1234L);
        assertThat(parsed.ready()).isTrue();
        assertThat(ControlClient.Status.parse("<html>")).isEmpty();
    }
}
