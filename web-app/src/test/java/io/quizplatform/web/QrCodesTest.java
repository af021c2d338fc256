package io.quizplatform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class QrCodesTest {

    @Test
    void theDrawnCodeReadsBackAsTheJoinAddress() throws Exception {
        String address = "http://localhost:9080/play/?pin=123456";
        String svg = QrCodes.svg(address);
        assertThat(svg).startsWith("<svg").contains("viewBox").doesNotContain("<script");
        assertThat(new QRCodeReader().decode(bitmap(svg)).getText()).isEqualTo(address);
    }

    @Test
    void onlyPrintableAsciiOfBoundedLengthIsDrawn() {
        assertThat(QrCodes.acceptable("http://quiz.example/play/?pin=1")).isTrue();
        assertThat(QrCodes.acceptable(null)).isFalse();
        assertThat(QrCodes.acceptable("")).isFalse();
        assertThat(QrCodes.acceptable("a\u0000b")).isFalse();
        assertThat(QrCodes.acceptable("caf\u00e9")).isFalse();
        assertThat(QrCodes.acceptable("x".repeat(QrCodes.MAX_TEXT))).isTrue();
        assertThat(QrCodes.acceptable("x".repeat(QrCodes.MAX_TEXT + 1))).isFalse();
    }

    /** Renders the SVG's unit squares at 4 pixels a module and reads it as a scanner would. */
    private static BinaryBitmap bitmap(String svg) {
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertThat(box.find()).isTrue();
        int modules = Integer.parseInt(box.group(1));
        int scale = 4;
        int size = modules * scale;
        int[] pixels = new int[size * size];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher square = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
        while (square.find()) {
            int x = Integer.parseInt(square.group(1));
            int y = Integer.parseInt(square.group(2));
            for (int dy = 0; dy < scale; dy++) {
                for (int dx = 0; dx < scale; dx++) {
                    pixels[(y * scale + dy) * size + x * scale + dx] = 0xFF000000;
                }
            }
        }
        LuminanceSource source = new RGBLuminanceSource(size, size, pixels);
        return new BinaryBitmap(new HybridBinarizer(source));
    }
}
