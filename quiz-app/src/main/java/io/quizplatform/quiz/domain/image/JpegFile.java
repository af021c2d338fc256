package io.quizplatform.quiz.domain.image;

import java.io.ByteArrayOutputStream;

/**
 * JPEG: SOI, then marker segments; after each SOS the entropy-coded data runs to the next marker (a 0xFF that is
 * not stuffed or a restart). The frame header (SOFn) gives the size; EOI ends the file (anything after it is
 * dropped). APP1 (EXIF, XMP), APP13 (Photoshop/IPTC) and COM are dropped; JFIF, ICC profiles, Adobe are kept.
 */
final class JpegFile {

    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;

    private JpegFile() {
    }

    static Stripped read(byte[] b, ImageLimits limits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(b, 0, 2);
        int at = 2;
        long width = -1;
        long height = -1;
        boolean scanned = false;
        while (true) {
            if (at + 2 > b.length || Bytes.u8(b, at) != 0xFF) {
                throw malformed("truncated, or a marker is missing");
            }
            int marker = Bytes.u8(b, at + 1);
            if (marker == 0xFF) {
                at++; // fill byte
                continue;
            }
            if (marker == EOI) {
                if (!scanned) {
                    throw malformed("no image data before the end");
                }
                out.write(b, at, 2);
                break;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x00) {
                throw malformed("unexpected marker 0x" + Integer.toHexString(marker));
            }
            if (at + 4 > b.length) {
                throw malformed("truncated segment");
            }
            int length = Bytes.u16be(b, at + 2);
            int end = at + 2 + length;
            if (length < 2 || end > b.length) {
                throw malformed("a segment runs past the end");
            }
            if (isFrameHeader(marker)) {
                if (length < 8 || width >= 0) {
                    throw malformed("bad or repeated frame header");
                }
                height = Bytes.u16be(b, at + 5);
                width = Bytes.u16be(b, at + 7);
                if (width == 0 || height == 0) {
                    throw malformed("the frame header gives no size (DNL is not supported)");
                }
                limits.checkDimensions(width, height);
            }
            if (!isMetadata(marker)) {
                out.write(b, at, end - at);
            }
            at = end;
            if (marker == SOS) {
                if (width < 0) {
                    throw malformed("scan before the frame header");
                }
                int data = entropyEnd(b, at);
                out.write(b, at, data - at);
                at = data;
                scanned = true;
            }
        }
        return new Stripped(width, height, out.toByteArray());
    }

    /** Where the entropy-coded data starting at {@code at} ends: at the next real marker. */
    private static int entropyEnd(byte[] b, int at) {
        for (int i = at; i + 1 < b.length; i++) {
            if (Bytes.u8(b, i) == 0xFF) {
                int next = Bytes.u8(b, i + 1);
                if (next != 0x00 && !(next >= 0xD0 && next <= 0xD7) && next != 0xFF) {
                    return i;
                }
            }
        }
        throw malformed("truncated image data");
    }

    private static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static boolean isMetadata(int marker) {
        return marker == 0xE1 || marker == 0xED || marker == 0xFE;
    }

    private static ImageRejected malformed(String what) {
        return ImageRejected.malformed(ImageFormat.JPEG, what);
    }
}
