package io.quizplatform.platform.outbox;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox counts an envelope's bytes as Kafka will send them (UTF-8), without encoding it a second time. */
class EventSizeTest {

    @Test
    void anEnvelopeIsCountedInUtf8Bytes() {
        for (String text : List.of("", "plain ascii", "\\u0001 escaped", "Straße", "日本語のクイズ", "🎉 emoji 𝐀𝐝𝐚",
                "é".repeat(1000) + "中".repeat(1000) + "😀".repeat(1000))) {
            assertThat(Outbox.utf8Length(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
