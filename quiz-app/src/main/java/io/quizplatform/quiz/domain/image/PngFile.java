package io.quizplatform.quiz.domain.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * PNG: signature, then chunks (length, type, data, CRC). Every CRC is checked; IHDR must come first, at least one
 * IDAT, IEND last (anything after it is dropped). Text, EXIF and time chunks are dropped, the rest copied as is.
 */
final class PngFile {

    private static final int SIGNATURE = 8;
    private static final Set<String> METADATA = Set.of("tEXt", "zTXt", "iTXt", "eXIf", "tIME");

    private PngFile() {
    }

    static Stripped read(byte[] b, ImageLimits limits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(b, 0, SIGNATURE);
        int at = SIGNATURE;
        long width = -1;
        long height = -1;
        boolean data = false;
        while (true) {
            if (at + 12 > b.length) {
                throw malformed("truncated before IEND");
            }
            long length = Bytes.u32be(b, at);
            String type = new String(b, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (!type.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                throw malformed("a chunk type is not four letters");
            }
            if (length > b.length - at - 12L) {
                throw malformed("chunk " + type + " runs past the end");
            }
            int end = at + 12 + (int) length;
            CRC32 crc = new CRC32();
            crc.update(b, at + 4, 4 + (int) length);
            if (crc.getValue() != Bytes.u32be(b, end - 4)) {
                throw malformed("chunk " + type + " fails its CRC");
            }
            if (width < 0) {
                if (!type.equals("IHDR") || length != 13) {
                    throw malformed("the first chunk is not IHDR");
                }
                width = Bytes.u32be(b, at + 8);
                height = Bytes.u32be(b, at + 12);
                if (width == 0 || height == 0) {
                    throw malformed("the header gives no size");
                }
                limits.checkDimensions(width, height); // before anything is inflated
            } else if (type.equals("IHDR")) {
                throw malformed("IHDR appears twice");
            }
            data |= type.equals("IDAT");
            if (!METADATA.contains(type)) {
                out.write(b, at, end - at);
            }
            at = end;
            if (type.equals("IEND")) {
                break;
            }
        }
        if (!data) {
            throw malformed("no IDAT chunk");
        }
        return new Stripped(width, height, out.toByteArray());
    }

    private static ImageRejected malformed(String what) {
        return ImageRejected.malformed(ImageFormat.PNG, what);
    }
}
