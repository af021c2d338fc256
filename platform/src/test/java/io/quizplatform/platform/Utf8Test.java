package io.quizplatform.platform;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A text's bytes as they travel (UTF-8: an outbox envelope, a socket message), counted without encoding it. */
class Utf8Test {

    @Test
    void aTextIsCountedInUtf8Bytes() {
        for (String text : List.of("", "plain ascii", "\\u0001 escaped", "Straße", "日本語のクイズ", "🎉 emoji 𝐀𝐝𝐚",
                "é".repeat(1000) + "中".repeat(1000) + "😀".repeat(1000))) {
            assertThat(Utf8.length(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
