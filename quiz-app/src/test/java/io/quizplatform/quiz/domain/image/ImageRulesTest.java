package io.quizplatform.quiz.domain.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.quizplatform.quiz.domain.image.TestImages.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class ImageRulesTest {

    private static final ImageLimits LIMITS = ImageLimits.DEFAULT;

    private static Image accept(String type, byte[] bytes) {
        return ImageRules.accept(type, bytes, LIMITS);
    }

    private static void refused(String type, byte[] bytes, ImageRejected.Reason reason, String field) {
        assertThatThrownBy(() -> accept(type, bytes)).isInstanceOfSatisfying(ImageRejected.class, e -> {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
            assertThat(e.field()).isEqualTo(field);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpeg", "gif"})
    void aPictureIsAcceptedWithItsSizeAndTheHashOfItsBytesAsId(String format) {
        byte[] picture = picture(format, 40, 30);
        Image image = accept("image/" + format, picture);
        assertThat(image.width()).isEqualTo(40);
        assertThat(image.height()).isEqualTo(30);
        assertThat(image.id()).isEqualTo(Image.sha256(image.bytes())).matches("[0-9a-f]{64}");
        assertThat(accept("image/" + format, image.bytes()).id()).as("stripping twice changes nothing").isEqualTo(image.id());
    }

    @Test
    void webpLosslessAndLossyAreAcceptedFromTheirStructure() {
        Image lossless = accept("image/webp", WEBP_LOSSLESS);
        assertThat(lossless.format()).isEqualTo(ImageFormat.WEBP);
        assertThat(lossless.width()).isEqualTo(1);
        assertThat(lossless.bytes()).isEqualTo(WEBP_LOSSLESS);
        assertThat(accept("image/webp", WEBP_LOSSY).height()).isEqualTo(1);
    }

    @Test
    void pngTextTimeAndExifChunksAreDropped() {
        byte[] clean = picture("png", 8, 8);
        byte[] tagged = pngWith(pngWith(pngWith(clean, pngChunk("tEXt", "Author\0Ada at 51.5N".getBytes(StandardCharsets.ISO_8859_1))),
                pngChunk("tIME", new byte[]{7, (byte) 0xE8, 1, 2, 3, 4, 5})), pngChunk("eXIf", "MM\0*secret".getBytes(StandardCharsets.ISO_8859_1)));
        Image image = accept("image/png", tagged);
        assertThat(contains(image.bytes(), "Ada")).isFalse();
        assertThat(image.bytes()).isEqualTo(clean);
    }

    @Test
    void jpegExifXmpIptcAndCommentsAreDroppedWhileTheRestIsKept() {
        byte[] clean = picture("jpeg", 16, 16);
        byte[] tagged = jpegWith(clean, exifApp1(), jpegSegment(0xED, "Photoshop 3.0\0IPTC".getBytes(StandardCharsets.ISO_8859_1)),
                jpegSegment(0xFE, "shot on Ada's phone".getBytes(StandardCharsets.ISO_8859_1)));
        Image image = accept("image/jpeg", tagged);
        assertThat(contains(image.bytes(), "GPS")).isFalse();
        assertThat(contains(image.bytes(), "Ada")).isFalse();
        assertThat(image.bytes()).isEqualTo(clean);
    }

    @Test
    void gifCommentsAreDropped() {
        byte[] clean = picture("gif", 10, 10);
        Image image = accept("image/gif", gifWithComment(clean, "made by Ada"));
        assertThat(contains(image.bytes(), "Ada")).isFalse();
        assertThat(image.bytes()).isEqualTo(clean);
    }

    @Test
    void webpExifAndXmpChunksAreDroppedAndTheirFlagsCleared() {
        byte[] tagged = webpExtended(0x08 | 0x04, 1, 1, riffChunk("EXIF", "MM\0*GPS here".getBytes(StandardCharsets.ISO_8859_1)),
                riffChunk("XMP ", "<x:xmpmeta>Ada</x:xmpmeta>".getBytes(StandardCharsets.ISO_8859_1)));
        Image image = accept("image/webp", tagged);
        assertThat(contains(image.bytes(), "GPS")).isFalse();
        assertThat(contains(image.bytes(), "Ada")).isFalse();
        assertThat(image.bytes()[20] & 0x0C).as("EXIF and XMP flags").isZero();
        assertThat(Bytes.u32le(image.bytes(), 4)).isEqualTo(image.bytes().length - 8L);
        assertThat(accept("image/webp", image.bytes()).id()).isEqualTo(image.id());
    }

    @Test
    void aHeaderClaimingTooManyPixelsIsRefusedBeforeAnythingIsDecoded() {
        // The IDAT is not even valid for that size: only the header was read.
        refused("image/png", pngClaiming(20000, 20000), ImageRejected.Reason.TOO_MANY_PIXELS, "body");
        refused("image/png", pngClaiming(5000, 1), ImageRejected.Reason.TOO_MANY_PIXELS, "body");
        assertThatThrownBy(() -> ImageRules.accept("image/png", pngClaiming(3000, 3000), new ImageLimits(1 << 20, 4096, 1_000_000)))
                .isInstanceOfSatisfying(ImageRejected.class, e -> assertThat(e.reason()).isEqualTo(ImageRejected.Reason.TOO_MANY_PIXELS));
        refused("image/webp", webpExtended(0, 20000, 20000), ImageRejected.Reason.TOO_MANY_PIXELS, "body");
    }

    @Test
    void aWebpBitstreamLargerThanItsCanvasIsRefused() {
        byte[] big = Arrays.copyOf(WEBP_LOSSLESS, WEBP_LOSSLESS.length);
        big[21] = (byte) 0xFF; // width - 1 of the VP8L header: 256 wide on a 1x1 canvas
        big[22] = 0;
        byte[] inCanvas = webpExtended(0, 1, 1);
        System.arraycopy(big, 21, inCanvas, 12 + 18 + 9, 2);
        refused("image/webp", inCanvas, ImageRejected.Reason.MALFORMED, "body");
    }

    @Test
    void theDeclaredTypeMustBeOursAndWhatTheBytesAre() {
        byte[] png = picture("png", 4, 4);
        refused("image/jpeg", png, ImageRejected.Reason.TYPE_MISMATCH, "Content-Type");
        refused("image/svg+xml", "<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8),
                ImageRejected.Reason.UNSUPPORTED_TYPE, "Content-Type");
        refused("image/png", "<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8),
                ImageRejected.Reason.UNSUPPORTED_TYPE, "body");
        refused("image/png", "<html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8), ImageRejected.Reason.UNSUPPORTED_TYPE, "body");
        refused(null, png, ImageRejected.Reason.UNSUPPORTED_TYPE, "Content-Type");
        refused("image/png", new byte[0], ImageRejected.Reason.MALFORMED, "body");
        assertThat(accept("IMAGE/PNG; x=y", png).format()).isEqualTo(ImageFormat.PNG);
    }

    @Test
    void moreBytesThanTheLimitAreRefused() {
        byte[] png = picture("png", 64, 64);
        assertThatThrownBy(() -> ImageRules.accept("image/png", png, new ImageLimits(png.length - 1, 4096, 1 << 24)))
                .isInstanceOfSatisfying(ImageRejected.class, e -> assertThat(e.reason()).isEqualTo(ImageRejected.Reason.TOO_LARGE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpeg", "gif"})
    void truncatedFilesAreRefused(String format) {
        byte[] picture = picture(format, 32, 32);
        refused("image/" + format, Arrays.copyOf(picture, picture.length / 2), ImageRejected.Reason.MALFORMED, "body");
        refused("image/" + format, Arrays.copyOf(picture, 12), ImageRejected.Reason.MALFORMED, "body");
    }

    @Test
    void truncatedOrCorruptWebpIsRefused() {
        refused("image/webp", Arrays.copyOf(WEBP_LOSSLESS, 24), ImageRejected.Reason.MALFORMED, "body");
        byte[] notVp8 = Arrays.copyOf(WEBP_LOSSY, WEBP_LOSSY.length);
        notVp8[23] = 0; // breaks the VP8 start code
        refused("image/webp", notVp8, ImageRejected.Reason.MALFORMED, "body");
    }

    @Test
    void aPngWithABadChecksumOrCorruptPixelsIsRefused() {
        byte[] png = picture("png", 32, 32);
        byte[] badCrc = png.clone();
        badCrc[40] ^= 0x55; // inside IHDR's successor: its CRC no longer matches
        refused("image/png", badCrc, ImageRejected.Reason.MALFORMED, "body");
        // A structurally perfect PNG (valid CRCs) whose compressed pixels are garbage: only decoding finds it.
        byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0x5A);
        byte[] header = Arrays.copyOfRange(pngClaiming(32, 32), 0, 33);
        refused("image/png", concat(header, pngChunk("IDAT", garbage), pngChunk("IEND", new byte[0])),
                ImageRejected.Reason.MALFORMED, "body");
    }

    @Test
    void imagePathsAreThisServicesOwn() {
        String id = "a".repeat(64);
        assertThat(Image.isImagePath("/quiz/api/images/" + id)).isTrue();
        assertThat(Image.isImagePath("/quiz/api/images/" + id.toUpperCase())).isFalse();
        assertThat(Image.isImagePath("/quiz/api/images/" + id + "/x")).isFalse();
        assertThat(Image.isImagePath("https://evil.example/quiz/api/images/" + id)).isFalse();
    }
}
